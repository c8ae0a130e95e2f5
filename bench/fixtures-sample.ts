/**
 * Fixtures throughput: schema samples per second for response-sized schemas (from the OpenAPI
 * document when it is found, else a hand-written stand-in) and countTokens throughput: on a repeated
 * paragraph (every word a cache hit), on varied prompts, and on words never seen before.
 * Run: node --import tsx bench/fixtures-sample.ts
 */
import { loadContract } from '../src/contract/index.js';
import { countTokens, createRandom, generateReply, sampleSchema } from '../src/fixtures/index.js';
import { variedPrompts } from './lib.js';

function rate(label: string, seconds: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < 200; i++) fn(i); // warm-up: JIT and normalisation caches
  let n = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    for (let k = 0; k < 50; k++) fn(n++);
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s`);
  return perSecond;
}

const STANDIN = {
  type: 'object',
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: ['chat.completion'] },
    created: { type: 'integer' },
    model: { type: 'string' },
    system_fingerprint: { type: 'string' },
    choices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'message', 'finish_reason', 'logprobs'],
        properties: {
          index: { type: 'integer' },
          finish_reason: { enum: ['stop', 'length', 'tool_calls', 'content_filter'] },
          logprobs: {
            anyOf: [{ type: 'null' }, { type: 'object', properties: { content: { type: 'array' } } }],
          },
          message: {
            type: 'object',
            required: ['role', 'content', 'refusal'],
            properties: {
              role: { const: 'assistant' },
              content: { type: ['string', 'null'] },
              refusal: { type: ['string', 'null'] },
              tool_calls: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'type', 'function'],
                  properties: {
                    id: { type: 'string' },
                    type: { const: 'function' },
                    function: {
                      type: 'object',
                      required: ['name', 'arguments'],
                      properties: { name: { type: 'string' }, arguments: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    usage: {
      type: 'object',
      required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
      properties: {
        prompt_tokens: { type: 'integer' },
        completion_tokens: { type: 'integer' },
        total_tokens: { type: 'integer' },
      },
    },
  },
};

let resolveRef: ((ref: string) => unknown) | undefined;
let chatSchema: unknown = STANDIN;
let responseSchema: unknown;
try {
  const contract = await loadContract();
  resolveRef = (ref) => contract.resolveRef(ref);
  chatSchema = contract.resolveRef('#/components/schemas/CreateChatCompletionResponse');
  responseSchema = contract.resolveRef('#/components/schemas/Response');
} catch (error) {
  console.log(`(no OpenAPI document: ${(error as Error).message.split('\n')[0]}; using a stand-in schema)`);
}

const seedBase = createRandom('bench');
const opts = (i: number) => ({ random: seedBase.fork(String(i)), ...(resolveRef ? { resolveRef } : {}) });
rate('sampleSchema CreateChatCompletionResponse', 2, (i) => sampleSchema(chatSchema, opts(i)));
if (responseSchema)
  rate('sampleSchema Response (Responses API)', 2, (i) => sampleSchema(responseSchema, opts(i)));

const t0 = performance.now();
countTokens('warm up', 'gpt-4o');
console.log(
  `first countTokens (loads o200k_base)                 ${(performance.now() - t0).toFixed(0).padStart(12)} ms`,
);
const sentence = 'The quick brown fox jumps over the lazy dog while the model counts every token it sees. ';
const para = sentence.repeat(12); // ~220 tokens
const tokens = countTokens(para, 'gpt-4o');
const perSecond = rate(`countTokens ${tokens}-token paragraph (o200k)`, 2, (i) =>
  countTokens(`${i} ${para}`, 'gpt-4o'),
);
console.log(
  `${'  = tokens counted'.padEnd(52)} ${Math.round(perSecond * tokens)
    .toLocaleString('en-US')
    .padStart(12)} /s`,
);
// The paragraph above repeats its words, so after the first call every word is a cache hit. Users send
// varied text: count a pass over prompts never counted before, and over words nobody has written.
function tokensPerSecond(label: string, texts: readonly string[]) {
  let total = 0;
  const start = performance.now();
  for (const text of texts) total += countTokens(text, 'gpt-4o');
  const perSecond = total / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s`);
}
const prompts = await variedPrompts(20_000, 3);
tokensPerSecond('countTokens, 20,000 varied prompts, tokens counted', prompts);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const unseenRandom = createRandom('unseen words');
const unseen = Array.from({ length: 2_000 }, () =>
  Array.from({ length: 40 }, () =>
    Array.from({ length: unseenRandom.int(3, 10) }, () => unseenRandom.pick([...letters])).join(''),
  ).join(' '),
);
tokensPerSecond('countTokens, 2,000 texts of 40 unseen words, tokens counted', unseen);

rate('generateReply ~60 tokens', 2, (i) =>
  generateReply({ prompt: `question ${i} about oceans`, random: createRandom(i), targetTokens: 60 }),
);
