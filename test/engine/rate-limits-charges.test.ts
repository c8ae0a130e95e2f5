import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock } from '../../src/engine/index.js';
import { parseRateLimitSpec } from '../../src/features/rate-limits/index.js';
import { countChatPromptTokens, countContentTokens, countTokens } from '../../src/fixtures/index.js';

const contract = await loadContract();
const TPM = 1_000_000;

/** The tokens one request is charged, read from `x-ratelimit-remaining-tokens` as a client would. */
async function charged(path: string, body: Record<string, unknown>): Promise<number> {
  const engine = buildEngine(contract, {
    clock: createVirtualClock(),
    features: { rateLimits: { tpm: TPM } },
  });
  const res = await engine.handle({
    method: 'POST',
    path: `/v1${path}`,
    query: {},
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-one' },
    body,
  });
  expect(res.status).toBe(200);
  return TPM - Number(res.headers['x-ratelimit-remaining-tokens']);
}

describe('the tokens a request is charged against TPM', () => {
  it('chat: the prompt with its per-message overhead, plus the completion budget times n', async () => {
    const messages = [{ role: 'user', content: 'Name three rivers in Spain' }];
    const prompt = countChatPromptTokens(messages, 'gpt-4o');
    expect(await charged('/chat/completions', { model: 'gpt-4o', messages })).toBe(prompt);
    expect(await charged('/chat/completions', { model: 'gpt-4o', messages, max_tokens: 10, n: 3 })).toBe(
      prompt + 30,
    );
    expect(await charged('/chat/completions', { model: 'gpt-4o', messages, max_completion_tokens: 7 })).toBe(
      prompt + 7,
    );
  });

  it('Responses: instructions plus input text or items, plus max_output_tokens', async () => {
    const count = (s: string) => countTokens(s, 'gpt-4o');
    const body = { model: 'gpt-4o', instructions: 'Answer briefly.', input: 'Describe the sea at night' };
    expect(await charged('/responses', body)).toBe(count(body.instructions) + count(body.input));
    expect(await charged('/responses', { ...body, max_output_tokens: 40 })).toBe(
      count(body.instructions) + count(body.input) + 40,
    );
    const items = [
      { role: 'user', content: 'Hello there, how are you' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And the weather today?' }] },
    ];
    expect(await charged('/responses', { model: 'gpt-4o', input: items })).toBe(
      countContentTokens(items[0]!.content, 'gpt-4o') + countContentTokens(items[1]!.content, 'gpt-4o'),
    );
  });

  it('embeddings: each text, or the length of token arrays', async () => {
    const model = 'text-embedding-3-small';
    const count = (s: string) => countTokens(s, model);
    expect(await charged('/embeddings', { model, input: 'one line of text' })).toBe(
      count('one line of text'),
    );
    expect(await charged('/embeddings', { model, input: ['alpha beta gamma', 'delta'] })).toBe(
      count('alpha beta gamma') + count('delta'),
    );
    expect(await charged('/embeddings', { model, input: [101, 202, 303] })).toBe(3);
    expect(await charged('/embeddings', { model, input: [[1, 2], [3]] })).toBe(3);
  });

  it('legacy completions: the prompt plus max_tokens times n', async () => {
    const model = 'gpt-3.5-turbo-instruct';
    const prompt = 'Once upon a time';
    expect(await charged('/completions', { model, prompt, max_tokens: 16, n: 2 })).toBe(
      countTokens(prompt, model) + 32,
    );
  });
});

describe('--rate-limit RPM[:TPM]', () => {
  it('reads requests, tokens or both, around spaces', () => {
    expect(parseRateLimitSpec('60')).toEqual({ rpm: 60 });
    expect(parseRateLimitSpec('60:10000')).toEqual({ rpm: 60, tpm: 10_000 });
    expect(parseRateLimitSpec(':10000')).toEqual({ tpm: 10_000 });
    expect(parseRateLimitSpec(' 60 : 100 ')).toEqual({ rpm: 60, tpm: 100 });
  });

  it('refuses anything else with one line naming the form', () => {
    for (const bad of ['', ':', '0', '60:0', '0:5', 'abc', '60:', 'x60', '60:10:5', '6 0', '-1', '1.5'])
      expect(() => parseRateLimitSpec(bad), bad).toThrow(
        `--rate-limit must be RPM[:TPM] with whole numbers of at least 1, e.g. 60 or 60:10000 or :10000, got '${bad}'.`,
      );
  });
});
