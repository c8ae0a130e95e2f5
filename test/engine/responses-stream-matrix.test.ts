import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { checkResponseStream } from '../../src/contract/streams/response-stream.js';
import { createVirtualClock, type SseEvent } from '../../src/engine/index.js';

const contract = await loadContract();
const strictTool = (name: string, properties: Record<string, unknown>) => ({
  type: 'function',
  name,
  strict: true,
  parameters: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
});

/** Requests that between them reach every kind of output item and ending the simulator produces. */
const CASES: Array<[string, Record<string, unknown>]> = [
  ['plain text', { model: 'gpt-4o', input: 'Tell me about tides' }],
  [
    'reasoning with a detailed summary',
    {
      model: 'o3',
      input: 'Plan a trip',
      reasoning: { summary: 'detailed' },
      include: ['reasoning.encrypted_content'],
    },
  ],
  [
    'two parallel function calls',
    {
      model: 'gpt-4o',
      input: 'weather in Rome and stock of ACME',
      tools: [
        strictTool('get_weather', { city: { type: 'string' } }),
        strictTool('get_stock', { ticker: { type: 'string' } }),
      ],
    },
  ],
  [
    'a custom tool',
    {
      model: 'gpt-5',
      input: 'run the linter',
      tools: [{ type: 'custom', name: 'run_linter' }],
      tool_choice: 'required',
    },
  ],
  [
    'structured output',
    {
      model: 'gpt-4o',
      input: 'a city',
      text: {
        format: {
          type: 'json_schema',
          name: 'c',
          strict: true,
          schema: {
            type: 'object',
            properties: { n: { type: 'string' } },
            required: ['n'],
            additionalProperties: false,
          },
        },
      },
    },
  ],
  [
    'logprobs',
    { model: 'gpt-4o', input: 'Say hi', include: ['message.output_text.logprobs'], top_logprobs: 2 },
  ],
  ['web search', { model: 'gpt-4o', input: 'news about Kenya', tools: [{ type: 'web_search_preview' }] }],
  [
    'file search',
    {
      model: 'gpt-4o',
      input: 'the handbook',
      tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }],
      include: ['file_search_call.results'],
    },
  ],
  [
    'code interpreter',
    {
      model: 'gpt-4o',
      input: 'compute 3 and 4',
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
    },
  ],
  [
    'image generation',
    { model: 'gpt-4o', input: 'draw a cat', tools: [{ type: 'image_generation', partial_images: 1 }] },
  ],
  [
    'mcp without approval',
    {
      model: 'gpt-4o',
      input: 'ask the wiki',
      tools: [
        {
          type: 'mcp',
          server_label: 'wiki',
          server_url: 'https://wiki.example/mcp',
          require_approval: 'never',
        },
      ],
    },
  ],
  ['local shell', { model: 'codex-mini-latest', input: 'list files', tools: [{ type: 'local_shell' }] }],
  [
    'cut by max_output_tokens',
    { model: 'gpt-4o', input: 'Tell me everything about the ocean', max_output_tokens: 16 },
  ],
  ['background', { model: 'gpt-4o-mini', input: 'Tell me about tides', background: true }],
];

async function events(
  engine: ReturnType<typeof buildEngine>,
  body: Record<string, unknown>,
): Promise<unknown[]> {
  const response = await engine.handle({
    method: 'POST',
    path: '/v1/responses',
    query: {},
    headers: { 'content-type': 'application/json' },
    body: { ...body, stream: true },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  if (response.body.kind !== 'sse') throw new Error('expected an event stream');
  const out: unknown[] = [];
  for await (const event of response.body.events as AsyncIterable<SseEvent>) out.push(event.data);
  return out;
}

describe('every stream the Responses simulator produces', () => {
  const clock = createVirtualClock();
  // Background streams wait on the clock: keep the queue and run times at zero here.
  const engine = buildEngine(contract, {
    checkResponses: true,
    clock,
    features: { responses: { backgroundQueuedMs: 0, backgroundRunMs: 0 } },
  });

  it.each(CASES)('follows the grammar and validates event by event: %s', async (_, body) => {
    const before = engine.journal.entries().length;
    const stream = await events(engine, body);
    expect(checkResponseStream(stream)).toEqual([]);
    const entry = engine.journal.entries()[before]!;
    expect(entry.validation).toEqual([]);
    const types = new Set((stream as Array<{ type: string }>).map((e) => e.type));
    expect(types.has('response.completed') || types.has('response.incomplete')).toBe(true);
  });
});
