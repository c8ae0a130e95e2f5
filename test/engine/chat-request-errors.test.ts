import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import type { MockResponse } from '../../src/engine/index.js';
import { createRandom } from '../../src/fixtures/index.js';

// Without a document there is no schema validation: the simulator's own checks are all that stand guard.
const engine = buildEngine(undefined, {});
const post = (path: string, body: unknown) =>
  engine.handle({ method: 'POST', path, query: {}, headers: { 'content-type': 'application/json' }, body });
const errorOf = (res: MockResponse) =>
  res.body.kind === 'json' ? (res.body.value as { error: Record<string, unknown> }).error : undefined;
const chat = (extra: Record<string, unknown>) =>
  post('/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...extra });

describe('chat request errors without the OpenAPI document', () => {
  it('answers the real API wording for missing and malformed fields', async () => {
    expect(errorOf(await post('/v1/chat/completions', { messages: [] }))).toMatchObject({
      message: 'you must provide a model parameter',
    });
    expect(errorOf(await post('/v1/chat/completions', { model: 'gpt-4o' }))).toMatchObject({
      code: 'missing_required_parameter',
      param: 'messages',
    });
    expect(errorOf(await chat({ messages: [] }))).toMatchObject({ code: 'empty_array', param: 'messages' });
    expect(errorOf(await chat({ messages: [{ role: 'wizard', content: 'x' }] }))).toMatchObject({
      code: 'invalid_value',
      param: 'messages[0].role',
      message:
        "Invalid value: 'wizard'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
    });
  });

  it('checks the ranges of sampling parameters', async () => {
    expect(errorOf(await chat({ temperature: 2.5 }))).toEqual({
      message:
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'decimal_above_max_value',
    });
    expect(errorOf(await chat({ n: 0 }))).toMatchObject({ code: 'integer_below_min_value', param: 'n' });
    expect(errorOf(await chat({ presence_penalty: -3 }))).toMatchObject({ code: 'decimal_below_min_value' });
    expect(errorOf(await chat({ top_logprobs: 2 }))).toMatchObject({ param: 'top_logprobs' });
    expect(errorOf(await chat({ stream_options: { include_usage: true } }))).toMatchObject({
      param: 'stream_options',
    });
    expect(errorOf(await chat({ model: 'o3-mini', temperature: 0.2 }))).toMatchObject({
      code: 'unsupported_value',
      param: 'temperature',
    });
    expect(errorOf(await chat({ reasoning_effort: 'low' }))).toMatchObject({
      code: 'unsupported_parameter',
      param: 'reasoning_effort',
    });
  });

  it('names the tool a tool_choice asks for when it is not given', async () => {
    const tools = [{ type: 'function', function: { name: 'a' } }];
    expect(
      errorOf(await chat({ tools, tool_choice: { type: 'function', function: { name: 'b' } } })),
    ).toMatchObject({ param: 'tool_choice' });
  });

  it('never crashes on garbage: every answer is 200 or an OpenAI-shaped 4xx', async () => {
    const random = createRandom('garbage');
    const values = [
      null,
      1,
      -1,
      2.5,
      'x',
      '',
      true,
      [],
      {},
      [1],
      [{}],
      { role: 'user' },
      [{ role: 'user', content: 5 }],
      [{ role: 'tool' }],
    ];
    const keys = [
      'model',
      'messages',
      'n',
      'stop',
      'tools',
      'tool_choice',
      'response_format',
      'max_tokens',
      'logprobs',
      'top_logprobs',
      'stream',
      'metadata',
      'functions',
      'temperature',
    ];
    for (let i = 0; i < 300; i++) {
      const body: Record<string, unknown> = { model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] };
      for (let k = random.int(1, 3); k > 0; k--) body[random.pick(keys)] = random.pick(values);
      const res = await post('/v1/chat/completions', body);
      if (res.status !== 200) {
        expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        expect(errorOf(res), JSON.stringify(body)).toMatchObject({
          message: expect.any(String),
          type: expect.any(String),
        });
      } else if (res.body.kind === 'sse') {
        for await (const _ of res.body.events);
      }
    }
  });

  it('embeddings answer garbage with 400s too', async () => {
    for (const input of [undefined, null, 5, [], [[]], [1.5], [['a']], ['ok', 3]]) {
      const res = await post('/v1/embeddings', { model: 'text-embedding-3-small', input });
      expect(res.status, JSON.stringify(input)).toBe(400);
    }
    expect(
      (await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'x', encoding_format: 'hex' }))
        .status,
    ).toBe(400);
    expect(
      (await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'x', dimensions: 5000 }))
        .status,
    ).toBe(400);
  });
});
