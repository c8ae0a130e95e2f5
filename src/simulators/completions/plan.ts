/**
 * What each legacy completion choice says, before it is rendered as a body or a stream: generated prose
 * that continues the prompt, cut by `stop` (finish_reason "stop") and by `max_tokens` (finish_reason
 * "length"), with the prompt in front under `echo`, and the legacy logprobs object (`tokens`,
 * `token_logprobs`, `top_logprobs` as token → logprob maps, `text_offset`) when `logprobs` is an integer.
 */
import {
  countTokens,
  generateReply,
  type Random,
  tokenPieces,
  truncateToTokens,
} from '../../fixtures/index.js';
import { tokenLogprobs } from '../chat/logprobs.js';
import { firstStop } from '../chat/plan.js';
import type { CompletionPrompt, CompletionRequest } from './request.js';

export interface TokenEntry {
  token: string;
  logprob: number;
  top: Record<string, number>;
  /** Where the token starts, counted from the start of the prompt (as the legacy API counts). */
  offset: number;
}

export interface LegacyLogprobs {
  tokens: string[];
  token_logprobs: number[];
  top_logprobs: Record<string, number>[];
  text_offset: number[];
}

export interface CompletionChoice {
  index: number;
  /** The echoed prompt ('' without `echo`). */
  echoed: string;
  /** What the model wrote. */
  completion: string;
  finishReason: 'stop' | 'length';
  completionTokens: number;
  /** Per token of `echoed`, then of `completion`, with logprobs; empty unless logprobs or a stream need them. */
  echoTokens: TokenEntry[];
  completionPieces: TokenEntry[];
}

/** Instruction-tuned models answer after a blank line; base models just continue the text. */
const INSTRUCT = /instruct/;
/** Role labels of chat-style prompts (`user:`, `assistant:`): not what the prompt is about. */
const ROLE_LABEL = /^\s*(?:user|assistant|system|human|ai|q|a)\s*:/gim;

export interface PlannedCompletion {
  choices: CompletionChoice[];
  promptTokens: number;
  /** All candidates' tokens, `best_of` ones included: the API bills them. */
  completionTokens: number;
}

export function planCompletion(req: CompletionRequest, random: Random): PlannedCompletion {
  const suffixTokens = req.suffix ? countTokens(req.suffix, req.model) : 0;
  const choices: CompletionChoice[] = [];
  let promptTokens = 0;
  let completionTokens = 0;
  for (const [p, prompt] of req.prompts.entries()) {
    promptTokens += prompt.tokens + suffixTokens;
    const perPrompt = random.fork(`prompt:${p}`);
    for (let j = 0; j < req.bestOf; j++) {
      const choice = planChoice(req, prompt, perPrompt.fork(`choice:${j}`), p * req.n + j);
      completionTokens += choice.completionTokens;
      if (j < req.n) choices.push(choice);
    }
  }
  return { choices, promptTokens, completionTokens };
}

function planChoice(req: CompletionRequest, prompt: CompletionPrompt, random: Random, index: number) {
  const { model } = req;
  let completion = write(prompt.text, model, random);
  let finishReason: CompletionChoice['finishReason'] = 'stop';
  const at = firstStop(completion, req.stop);
  if (at !== undefined) completion = completion.slice(0, at);
  let completionTokens = countTokens(completion, model);
  if (completionTokens > req.maxTokens) {
    completion = truncateToTokens(completion, req.maxTokens, model);
    completionTokens = countTokens(completion, model);
    finishReason = 'length';
  }
  const echoed = req.echo ? prompt.text : '';
  const needPieces = req.logprobs !== null || req.stream;
  const top = Math.max(1, req.logprobs ?? 0);
  const echoTokens = needPieces && echoed ? entries(echoed, 0, model, top, random.fork('echo-logprobs')) : [];
  const completionPieces = needPieces
    ? entries(completion, prompt.text.length, model, top, random.fork('logprobs'))
    : [];
  return { index, echoed, completion, finishReason, completionTokens, echoTokens, completionPieces };
}

/** Prose about the prompt's words, sized like a typical answer (the request's `max_tokens` cuts it). */
function write(prompt: string, model: string, random: Random): string {
  const text = generateReply({
    prompt: prompt.replace(ROLE_LABEL, ' '),
    random,
    model,
    targetTokens: random.int(24, 96),
  });
  if (INSTRUCT.test(model)) return `\n\n${text}`;
  return prompt === '' || /\s$/.test(prompt) ? text : ` ${text}`;
}

function entries(text: string, start: number, model: string, top: number, random: Random): TokenEntry[] {
  const pieces = tokenPieces(text, model);
  const logprobs = tokenLogprobs(pieces, top, random);
  let offset = start;
  return logprobs.map((entry) => {
    const out = {
      token: entry.token,
      logprob: entry.logprob,
      top: Object.fromEntries(entry.top_logprobs.map((t) => [t.token, t.logprob])),
      offset,
    };
    offset += entry.token.length;
    return out;
  });
}

export function legacyLogprobs(tokens: readonly TokenEntry[]): LegacyLogprobs {
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => t.logprob),
    top_logprobs: tokens.map((t) => t.top),
    text_offset: tokens.map((t) => t.offset),
  };
}
