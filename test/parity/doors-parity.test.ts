import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { type Cassette, writeCassette } from '../../src/record/index.js';
import { createMockFetch } from '../../src/server/fetch.js';
import { startMockServer } from '../../src/server/index.js';
import { setupOpenAIMock } from '../../src/server/msw.js';
import { setupOpenAIMockWithNock } from '../../src/server/nock.js';
import { tempDir } from '../record/helpers/cassette-server.js';

/** What a client can observe of one exchange: status, headers that are not per-response noise, and the body as text. */
interface Outcome {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** The connection failed: before any response, or (with a body) mid-stream. */
  error?: 'network';
}

interface Step {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | FormData;
}

interface Case extends Step {
  name: string;
  /** Admin requests sent through the same door first (fault rules). */
  before?: Step[];
  /** Doors that cannot carry this case, and why (see the README). */
  skip?: Partial<Record<DoorName, string>>;
}

type DoorName = 'fastify' | 'msw' | 'nock' | 'fetch';

/** Headers that differ per response or per transport (CORS, framing), not per answer. */
const VOLATILE =
  /^(date|connection|keep-alive|transfer-encoding|content-length|x-request-id|openai-processing-ms|vary|access-control-.*)$/;

const json = (value: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});
const chat = (content: string, extra: object = {}) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  ...json({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra }),
});
const fault = (rule: object): Step => ({ method: 'POST', path: '/__mock/faults', ...json(rule) });
const upload = () => {
  const form = new FormData();
  form.append('purpose', 'user_data');
  form.append(
    'file',
    new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0xfe, 0x00, 0x0a])], {
      type: 'application/pdf',
    }),
    'scan.pdf',
  );
  return form;
};

const cases: Case[] = [
  { name: 'JSON: list models', method: 'GET', path: '/v1/models' },
  { name: 'JSON: a model at the root path', method: 'GET', path: '/models/gpt-4o' },
  { name: 'JSON: a chat completion', ...chat('Tell me about doors') },
  { name: 'JSON: query parameters', method: 'GET', path: '/v1/models?limit=2&after=x' },
  {
    name: 'SSE: a streamed chat completion',
    ...chat('Stream about doors', { stream: true, stream_options: { include_usage: true } }),
  },
  { name: 'multipart: a binary file upload', method: 'POST', path: '/v1/files', body: upload() },
  { name: 'error: unknown model', ...chat('hi', { model: 'gpt-nope' }) },
  {
    name: 'error: invalid request',
    method: 'POST',
    path: '/v1/chat/completions',
    ...json({ model: 'gpt-4o-mini' }),
  },
  { name: 'error: wrong method', method: 'PUT', path: '/v1/models' },
  { name: 'error: unknown route', method: 'GET', path: '/v1/nowhere' },
  { name: 'error: missing key', method: 'GET', path: '/v1/models', headers: { authorization: '' } },
  {
    name: 'error: malformed JSON',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: '{"model": ',
    skip: { nock: 'nock parses JSON before any reply callback' },
  },
  {
    name: 'fault: 429 with retry-after',
    before: [fault({ match: { path: '/models' }, status: 429, retryAfterMs: 1500, times: 1 })],
    method: 'GET',
    path: '/v1/models',
  },
  {
    name: 'fault: 503 on a stream',
    before: [fault({ match: { path: '/chat/completions' }, status: 503, times: 1 })],
    ...chat('x', { stream: true }),
  },
  {
    name: 'fault: connection reset',
    before: [fault({ match: { path: '/models' }, type: 'reset', times: 1 })],
    method: 'GET',
    path: '/v1/models',
  },
  {
    name: 'fault: stream cut after two events',
    before: [fault({ match: { path: '/chat/completions' }, type: 'stream_cut', afterChunks: 2, times: 1 })],
    ...chat('cut me', { stream: true }),
  },
  { name: 'replay: a recorded completion', ...chat('from the cassette') },
  { name: 'replay: a recorded stream', ...chat('from the cassette', { stream: true }) },
  { name: 'replay: a recorded error', ...chat('recorded error') },
];

const recordedChunk = (content: string, finish: string | null) => ({
  id: 'chatcmpl-rec',
  object: 'chat.completion.chunk',
  created: 1700000000,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: finish }],
});
const recordedRequest = (content: string, stream?: boolean) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json' },
  body: { json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...(stream && { stream }) } },
});
const cassette: Cassette = {
  version: 1,
  meta: { tool: 'openai-mock', toolVersion: '0.1.0', spec: null },
  interactions: [
    {
      request: recordedRequest('from the cassette'),
      response: {
        status: 200,
        headers: { 'x-ratelimit-remaining-requests': '9' },
        body: {
          json: {
            id: 'chatcmpl-rec',
            object: 'chat.completion',
            created: 1700000000,
            model: 'gpt-4o-mini',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: 'recorded', refusal: null },
                logprobs: null,
                finish_reason: 'stop',
              },
            ],
          },
        },
      },
    },
    {
      request: recordedRequest('from the cassette', true),
      response: {
        status: 200,
        headers: {},
        body: {
          sse: [
            { ms: 0, data: recordedChunk('re', null) },
            { ms: 5, data: recordedChunk('corded', 'stop') },
            { ms: 6, data: '[DONE]' },
          ],
          end: 'done',
        },
      },
    },
    {
      request: recordedRequest('recorded error'),
      response: {
        status: 429,
        headers: { 'retry-after': '3' },
        body: {
          json: {
            error: {
              message: 'Rate limit reached.',
              type: 'requests',
              param: null,
              code: 'rate_limit_exceeded',
            },
          },
        },
      },
    },
  ],
};

async function observe(base: string, step: Step, doFetch: typeof fetch = fetch): Promise<Outcome> {
  const headers = { authorization: 'Bearer sk-parity-0000000000', ...step.headers };
  if (headers.authorization === '') delete (headers as Record<string, string>)['authorization'];
  let res: Response;
  try {
    res = await doFetch(`${base}${step.path}`, {
      method: step.method,
      headers,
      ...(step.body !== undefined && { body: step.body }),
    });
  } catch {
    return { error: 'network' };
  }
  const kept = Object.fromEntries(
    [...res.headers].filter(([k]) => !VOLATILE.test(k)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const decoder = new TextDecoder();
  let body = '';
  try {
    const reader = res.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader!.read())
      body += decoder.decode(r.value, { stream: true });
  } catch {
    return { status: res.status, headers: kept, body, error: 'network' };
  }
  return { status: res.status, headers: kept, body };
}

describe('the four doors answer alike', () => {
  const dir = tempDir();
  const outcomes: Record<DoorName, Outcome[]> = { fastify: [], msw: [], nock: [], fetch: [] };

  beforeAll(async () => {
    await writeCassette(join(dir, 'parity.json'), cassette);
    const contract = await loadContract();
    const engine = (): Engine =>
      buildEngine(contract, {
        seed: 42,
        freezeTime: 1700000000,
        requireApiKey: true,
        features: { cassettes: { dir, cassette: 'parity', mode: 'replay-or-mock', env: {} } },
      });
    // One door at a time: msw and nock both patch the globals, and each case runs on a fresh engine per door.
    const server = await startMockServer({ port: 0, engine: engine() });
    for (const c of cases) outcomes.fastify.push(await run(server.origin, c));
    await server.close();
    const msw = await setupOpenAIMock({ engine: engine(), baseURL: 'https://api.openai.com' });
    for (const c of cases) outcomes.msw.push(c.skip?.msw ? {} : await run('https://api.openai.com', c));
    await msw.close();
    const nock = await setupOpenAIMockWithNock({ engine: engine(), baseURL: 'https://nock.parity.test' });
    for (const c of cases) outcomes.nock.push(c.skip?.nock ? {} : await run('https://nock.parity.test', c));
    await nock.close();
    // No interception at all: the client is handed the door's fetch.
    await using mock = await createMockFetch({ engine: engine() });
    for (const c of cases) outcomes.fetch.push(await run('http://fetch.parity.test', c, mock.fetch));
  });

  async function run(base: string, c: Case, doFetch?: typeof fetch): Promise<Outcome> {
    for (const step of c.before ?? []) {
      const res = await observe(base, step, doFetch);
      if (res.status !== 201)
        throw new Error(`${c.name}: setting up through ${base} answered ${res.status} ${res.body}`);
    }
    return observe(base, c, doFetch);
  }

  it.each(cases.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const reference = outcomes.fastify[i]!;
    expect(reference.status ?? reference.error, 'the case must produce an answer').toBeDefined();
    if (!cases[i]!.skip?.msw) expect(outcomes.msw[i], 'msw').toEqual(reference);
    if (!cases[i]!.skip?.nock) expect(outcomes.nock[i], 'nock').toEqual(reference);
    expect(outcomes.fetch[i], 'fetch').toEqual(reference);
  });

  it('covers what the table claims: streams, cuts, resets, replays and faults really happened', () => {
    const byName = (name: string) => outcomes.fastify[cases.findIndex((c) => c.name === name)]!;
    expect(byName('SSE: a streamed chat completion').body).toMatch(
      /^data: \{.*\n\n[\s\S]*data: \[DONE\]\n\n$/,
    );
    expect(byName('fault: connection reset')).toEqual({ error: 'network' });
    expect(byName('fault: stream cut after two events')).toMatchObject({ status: 200, error: 'network' });
    expect(byName('fault: stream cut after two events').body?.match(/^data: /gm)).toHaveLength(2);
    expect(byName('fault: 429 with retry-after')).toMatchObject({
      status: 429,
      headers: { 'retry-after-ms': '1500' },
    });
    expect(JSON.parse(byName('replay: a recorded completion').body!).choices[0].message.content).toBe(
      'recorded',
    );
    expect(byName('replay: a recorded stream').body).toContain('"corded"');
    expect(byName('replay: a recorded error')).toMatchObject({
      status: 429,
      headers: { 'retry-after': '3' },
    });
    expect(byName('multipart: a binary file upload')).toMatchObject({
      status: 200,
      body: expect.stringContaining('"bytes":9'),
    });
    expect(byName('error: malformed JSON').status).toBe(400);
  });
});
