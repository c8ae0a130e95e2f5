// One table of scenarios, run against our client and against the official `openai` SDK, both pointed at
// the same scripted server. Each row asserts the same outcome (success, or the same error class) and the
// same number of attempts seen by the server. Rows marked `divergence` document where this client
// deliberately differs, and assert each side's behaviour separately.
// own-server-faults.test.ts drives the same kind of table through our own server's fault rules.

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import { chatChunk, chatCompletion, rateLimitBody, responseObject } from './helpers/samples.js';
import { type Script, sseText, startScriptedServer } from './helpers/scripted-server.js';

type Call =
  | 'models.list'
  | 'chat.create'
  | 'chat.stream'
  | 'chat.stream-helper'
  | 'responses.stream-helper'
  | 'chat.with-response'
  | 'moderations.create'
  | 'vectorStores.search'
  | 'chat.run-tools';

interface Outcome {
  result: string;
  attempts: number;
}

interface Row {
  name: string;
  script: Script;
  call: Call;
  maxRetries?: number;
  timeout?: number;
  expected: Outcome;
  /** Where this client differs on purpose: the official SDK's outcome. */
  divergence?: { sdk: Outcome; why: string };
}

const ok = {
  json: { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 0, owned_by: 'openai' }] },
};
const completion = { json: chatCompletion() };
const fast = { 'retry-after-ms': '1' };
const err = (
  status: number,
  headers: Record<string, string> = fast,
  body: unknown = { error: { message: `status ${status}`, type: 'server_error', param: null, code: null } },
) => ({ status, headers, json: body });

const ROWS: Row[] = [
  {
    name: '200 on the first attempt',
    script: [ok],
    call: 'models.list',
    expected: { result: 'ok', attempts: 1 },
  },
  {
    name: '500 then 200',
    script: [err(500), ok],
    call: 'models.list',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '502, 503 then 200 on a POST',
    script: [err(502), err(503), completion],
    call: 'chat.create',
    expected: { result: 'ok', attempts: 3 },
  },
  {
    name: '408 then 200',
    script: [err(408), ok],
    call: 'models.list',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '409 then 200',
    script: [err(409), completion],
    call: 'chat.create',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '429 until retries run out',
    script: () => err(429, fast, rateLimitBody()),
    call: 'chat.create',
    expected: { result: 'RateLimitError', attempts: 3 },
  },
  {
    name: '429 with maxRetries 0',
    script: () => err(429),
    call: 'chat.create',
    maxRetries: 0,
    expected: { result: 'RateLimitError', attempts: 1 },
  },
  {
    name: '503 with x-should-retry: false',
    script: () => err(503, { 'x-should-retry': 'false' }),
    call: 'models.list',
    expected: { result: 'InternalServerError', attempts: 1 },
  },
  {
    name: '400 with x-should-retry: true, then 200',
    script: [err(400, { ...fast, 'x-should-retry': 'true' }), ok],
    call: 'models.list',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '400',
    script: () => err(400),
    call: 'chat.create',
    expected: { result: 'BadRequestError', attempts: 1 },
  },
  {
    name: '401',
    script: () => err(401),
    call: 'models.list',
    expected: { result: 'AuthenticationError', attempts: 1 },
  },
  {
    name: '403',
    script: () => err(403),
    call: 'models.list',
    expected: { result: 'PermissionDeniedError', attempts: 1 },
  },
  {
    name: '404',
    script: () => err(404),
    call: 'models.list',
    expected: { result: 'NotFoundError', attempts: 1 },
  },
  {
    name: '422',
    script: () => err(422),
    call: 'chat.create',
    expected: { result: 'UnprocessableEntityError', attempts: 1 },
  },
  {
    name: '502 HTML page from a gateway',
    script: () => ({
      status: 502,
      body: '<html><title>502 Bad Gateway</title></html>',
      headers: { 'content-type': 'text/html' },
    }),
    call: 'models.list',
    maxRetries: 0,
    expected: { result: 'InternalServerError', attempts: 1 },
  },
  {
    name: 'connection reset then 200',
    script: [{ reset: true }, ok],
    call: 'models.list',
    maxRetries: 1,
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: 'connection reset every time',
    script: () => ({ reset: true }),
    call: 'chat.create',
    maxRetries: 1,
    expected: { result: 'APIConnectionError', attempts: 2 },
  },
  {
    name: 'hang until the timeout, every time',
    script: () => ({ hang: true }),
    call: 'models.list',
    maxRetries: 1,
    // Long enough for a cold process's first connection on a loaded machine to reach the server.
    timeout: 250,
    expected: { result: 'APIConnectionTimeoutError', attempts: 2 },
  },
  {
    name: 'stream that completes',
    script: [{ sse: [sseText([chatChunk('a'), chatChunk('b')])] }],
    call: 'chat.stream',
    expected: { result: 'ok:ab', attempts: 1 },
  },
  {
    name: '429 before a stream, then the stream',
    script: [err(429), { sse: [sseText([chatChunk('x')])] }],
    call: 'chat.stream',
    expected: { result: 'ok:x', attempts: 2 },
  },
  {
    name: 'stream with an error event',
    script: [
      {
        sse: [
          sseText([chatChunk('a')], { done: false }),
          'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n',
        ],
      },
    ],
    call: 'chat.stream',
    expected: { result: 'APIError', attempts: 1 },
  },
  {
    name: 'insufficient_quota',
    script: () => err(429, fast, rateLimitBody('insufficient_quota')),
    call: 'chat.create',
    expected: { result: 'RateLimitError', attempts: 1 },
    divergence: {
      sdk: { result: 'RateLimitError', attempts: 3 },
      why: 'waiting does not add credit; the SDK retries it like any 429',
    },
  },
  {
    name: 'stream cut by a reset mid-way',
    script: [{ sse: [sseText([chatChunk('a')], { done: false })], after: 'reset' }],
    call: 'chat.stream',
    expected: { result: 'APIConnectionError', attempts: 1 },
    divergence: {
      sdk: { result: 'TypeError', attempts: 1 },
      why: 'the SDK lets the fetch TypeError("terminated") through; we wrap it in a typed error',
    },
  },
  {
    name: 'stream that ends without [DONE]',
    script: [{ sse: [sseText([chatChunk('a')], { done: false })] }],
    call: 'chat.stream',
    expected: { result: 'APIConnectionError', attempts: 1 },
    divergence: {
      sdk: { result: 'ok:a', attempts: 1 },
      why: 'the SDK ends quietly, so a cut answer looks whole',
    },
  },
  {
    name: 'chat .stream() helper: 503, then a stream; finalChatCompletion adds it up',
    script: [
      err(503),
      {
        sse: [
          sseText([
            chatChunk('He', {
              choices: [{ index: 0, delta: { role: 'assistant', content: 'He' }, finish_reason: null }],
            }),
            chatChunk('llo', { choices: [{ index: 0, delta: { content: 'llo' }, finish_reason: 'stop' }] }),
          ]),
        ],
      },
    ],
    call: 'chat.stream-helper',
    expected: { result: 'ok:Hello', attempts: 2 },
  },
  {
    name: 'chat .stream() helper: an error event mid-stream',
    script: [
      {
        sse: [
          sseText([chatChunk('a')], { done: false }),
          'data: {"error":{"message":"overloaded","type":"server_error"}}\n\n',
        ],
      },
    ],
    call: 'chat.stream-helper',
    expected: { result: 'APIError', attempts: 1 },
  },
  {
    name: 'responses .stream() helper: 429, then events; finalResponse has output_text',
    script: [err(429, fast, rateLimitBody()), { sse: [responseEvents('Hi there')] }],
    call: 'responses.stream-helper',
    expected: { result: 'ok:Hi there', attempts: 2 },
  },
  {
    name: 'withResponse(): 500 then 200, the request id of the answer',
    script: [err(500), { ...completion, headers: { 'x-request-id': 'req_parity' } }],
    call: 'chat.with-response',
    expected: { result: 'ok:req_parity', attempts: 2 },
  },
  {
    name: 'moderations.create: 502 then 200',
    script: [
      err(502),
      {
        json: {
          id: 'modr-1',
          model: 'omni-moderation-latest',
          results: [{ flagged: false, categories: {}, category_scores: {} }],
        },
      },
    ],
    call: 'moderations.create',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: 'vectorStores.search: 404',
    script: () => err(404),
    call: 'vectorStores.search',
    expected: { result: 'NotFoundError', attempts: 1 },
  },
  {
    name: 'runTools: a tool call, its result sent back, then the answer',
    script: [
      {
        json: chatCompletion('', {
          choices: [
            {
              index: 0,
              message: {
                role: 'assistant',
                content: null,
                refusal: null,
                tool_calls: [
                  { id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } },
                ],
              },
              finish_reason: 'tool_calls',
              logprobs: null,
            },
          ],
        }),
      },
      { json: chatCompletion('The sum is 5.') },
    ],
    call: 'chat.run-tools',
    expected: { result: 'ok:The sum is 5.', attempts: 2 },
  },
  {
    name: 'chat .stream() helper: a stream that ends without [DONE]',
    script: [{ sse: [sseText([chatChunk('a')], { done: false })] }],
    call: 'chat.stream-helper',
    expected: { result: 'APIConnectionError', attempts: 1 },
    divergence: {
      sdk: { result: 'OpenAIError', attempts: 1 },
      why: 'both fail; the SDK with a generic OpenAIError (no finish_reason), we with APIConnectionError naming the missing [DONE], like a plain stream',
    },
  },
  {
    name: 'JSON body cut by a reset',
    script: [{ ...completion, cutAfterBytes: 20 }, completion],
    call: 'chat.create',
    expected: { result: 'ok', attempts: 2 },
    divergence: {
      sdk: { result: 'TypeError', attempts: 1 },
      why: 'we read JSON bodies inside the attempt, so a cut body is retried',
    },
  },
];

const params = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

/** A whole Responses stream (created, one text delta, completed) as SSE text. */
function responseEvents(text: string): string {
  const done = responseObject(text);
  const started = { ...done, status: 'in_progress', output: [], usage: null };
  const item = done.output[0] as { id: string };
  return sseText(
    [
      { type: 'response.created', sequence_number: 0, response: started },
      {
        type: 'response.output_item.added',
        sequence_number: 1,
        output_index: 0,
        item: { ...item, status: 'in_progress', content: [] },
      },
      {
        type: 'response.content_part.added',
        sequence_number: 2,
        output_index: 0,
        content_index: 0,
        item_id: item.id,
        part: { type: 'output_text', text: '', annotations: [] },
      },
      {
        type: 'response.output_text.delta',
        sequence_number: 3,
        output_index: 0,
        content_index: 0,
        item_id: item.id,
        delta: text,
      },
      { type: 'response.completed', sequence_number: 4, response: done },
    ],
    { done: false },
  );
}

const addTool = {
  name: 'add',
  description: 'Adds two numbers',
  parameters: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
};

/** The new resources and helpers, called the same way on either client (their shapes match). */
async function runShared(client: OpenAIClient | OpenAI, row: Row): Promise<string | undefined> {
  const c = client as OpenAI;
  switch (row.call) {
    case 'chat.stream-helper':
      return `ok:${(await c.chat.completions.stream(params).finalChatCompletion()).choices[0]?.message.content}`;
    case 'responses.stream-helper':
      return `ok:${(await c.responses.stream({ model: 'gpt-4.1-mini', input: 'hi' }).finalResponse()).output_text}`;
    case 'chat.with-response':
      return `ok:${(await c.chat.completions.create(params).withResponse()).request_id}`;
    case 'moderations.create':
      await c.moderations.create({ input: 'hi' });
      return 'ok';
    case 'vectorStores.search':
      await c.vectorStores.search('vs_1', { query: 'hi' });
      return 'ok';
    case 'chat.run-tools': {
      const add = {
        type: 'function' as const,
        function: {
          ...addTool,
          function: (args: { a: number; b: number }) => String(args.a + args.b),
          parse: JSON.parse,
        },
      };
      const runner = c.chat.completions.runTools({ ...params, tools: [add] });
      return `ok:${await runner.finalContent()}`;
    }
    default:
      return undefined;
  }
}

async function runOurs(row: Row, baseURL: string): Promise<string> {
  const client = new OpenAIClient({
    apiKey: 'sk-test',
    baseURL,
    maxRetries: row.maxRetries ?? 2,
    timeout: row.timeout ?? 5000,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });
  const shared = await runShared(client, row);
  if (shared !== undefined) return shared;
  if (row.call === 'models.list') {
    await client.models.list();
    return 'ok';
  }
  if (row.call === 'chat.create') {
    await client.chat.completions.create(params);
    return 'ok';
  }
  let text = '';
  for await (const chunk of await client.chat.completions.create({ ...params, stream: true }))
    text += chunk.choices[0]?.delta.content ?? '';
  return `ok:${text}`;
}

async function runSDK(row: Row, baseURL: string): Promise<string> {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL,
    maxRetries: row.maxRetries ?? 2,
    timeout: row.timeout ?? 5000,
  });
  const shared = await runShared(client, row);
  if (shared !== undefined) return shared;
  if (row.call === 'models.list') {
    await client.models.list();
    return 'ok';
  }
  if (row.call === 'chat.create') {
    await client.chat.completions.create(params);
    return 'ok';
  }
  let text = '';
  for await (const chunk of await client.chat.completions.create({ ...params, stream: true }))
    text += chunk.choices[0]?.delta.content ?? '';
  return `ok:${text}`;
}

async function outcome(run: (row: Row, baseURL: string) => Promise<string>, row: Row): Promise<Outcome> {
  const server = await startScriptedServer(row.script);
  const result = await run(row, server.baseURL).catch((error: unknown) => (error as Error).constructor.name);
  return { result, attempts: server.requests.length };
}

describe('parity with the official openai SDK', () => {
  describe.each(ROWS.filter((row) => !row.divergence))('$name', (row) => {
    it('gives the same outcome and attempt count with both clients', async () => {
      const [ours, sdk] = await Promise.all([outcome(runOurs, row), outcome(runSDK, row)]);
      expect(ours).toEqual(row.expected);
      expect(sdk).toEqual(row.expected);
    });
  });

  describe.each(ROWS.filter((row) => row.divergence))('$name (deliberate divergence)', (row) => {
    it(`differs on purpose: ${row.divergence?.why}`, async () => {
      const [ours, sdk] = await Promise.all([outcome(runOurs, row), outcome(runSDK, row)]);
      expect(ours).toEqual(row.expected);
      expect(sdk).toEqual(row.divergence?.sdk);
    });
  });
});
