import type { Random } from '../../fixtures/index.js';

export interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
}

export interface TokenLogprob extends TopLogprob {
  top_logprobs: TopLogprob[];
}

// Plausible runners-up for any position: the tokens a language model most often weighs.
const ALTERNATIVES = [
  ' the',
  ',',
  '.',
  ' a',
  ' and',
  ' to',
  ' of',
  ' is',
  ' in',
  ' it',
  ' that',
  ' for',
  ' this',
  ' with',
  ' as',
  "'s",
  ' can',
  ' be',
];

const utf8 = new TextEncoder();
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Log probabilities for each sampled token: the chosen token is the most likely one (logprob in
 * (-1.5, 0]), and `top_logprobs` lists it first, then less likely alternatives in decreasing order.
 */
export function tokenLogprobs(pieces: readonly string[], top: number, random: Random): TokenLogprob[] {
  return pieces.map((token) => {
    const logprob = round(-(random.next() ** 3) * 1.5);
    const entry: TokenLogprob = { token, logprob, bytes: [...utf8.encode(token)], top_logprobs: [] };
    if (top > 0) {
      entry.top_logprobs.push({ token, logprob, bytes: entry.bytes });
      let p = logprob;
      const used = new Set([token]);
      while (entry.top_logprobs.length < top) {
        let alt = random.pick(ALTERNATIVES);
        if (used.has(alt))
          alt = ALTERNATIVES.find((a) => !used.has(a)) ?? `${alt}${entry.top_logprobs.length}`;
        used.add(alt);
        p = round(p - 0.5 - random.next() * 2.5);
        entry.top_logprobs.push({ token: alt, logprob: p, bytes: [...utf8.encode(alt)] });
      }
    }
    return entry;
  });
}
