import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine } from '../../src/compose.js';
import { startMockServer } from '../../src/server/index.js';
import { recordingClient } from '../contract/sdk-chat-recorder.js';
import { useMockServer } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'openai-mock-scripted-'));
const file = join(dir, 'replies.yaml');
writeFileSync(
  file,
  `rules:
  - name: greeting
    match: { user: hello }
    reply: { text: "Ahoy from the file!" }
  - name: shadowed
    match: { user: hello there }
    reply: { text: never }
`,
);
const warnings: string[] = [];
const server = await useMockServer({
  features: { fixtures: { files: [file], warn: (m: string) => warnings.push(m) } },
});
const client = server.client;
const ask = (content: string, extra: Record<string, unknown> = {}) =>
  client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content }],
    ...extra,
  } as never) as Promise<OpenAI.ChatCompletion>;
const askFailing = (content: string) =>
  ask(content).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
  );
const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${server.origin}/__mock/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

describe('scripted replies through the official SDK', () => {
  it('answers from rules loaded from a file at start, and reports shadowed rules at load', async () => {
    const completion = await ask('hello there, matey');
    expect(completion.choices[0]!.message.content).toBe('Ahoy from the file!');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    expect(server.journal.entries()[0]!.source).toBe('fixture:greeting');
    expect(warnings).toEqual([expect.stringContaining('rule "shadowed"')]);
  });

  it('adds rules at run time with POST /__mock/fixtures; they win over file rules and go on reset', async () => {
    const res = await admin('POST', 'fixtures', {
      rules: [{ name: 'override', match: { user: 'hello' }, reply: { text: 'Runtime wins.' } }],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.any(String), ids: [expect.any(String)], warnings: [] });
    expect((await ask('hello')).choices[0]!.message.content).toBe('Runtime wins.');
    const listed = (await (await admin('GET', 'fixtures')).json()) as {
      rules: { name: string; fired: number }[];
    };
    expect(listed.rules.map((r) => [r.name, r.fired])).toEqual([
      ['override', 1],
      ['greeting', 0],
      ['shadowed', 0],
    ]);
    await server.reset();
    expect((await ask('hello')).choices[0]!.message.content).toBe('Ahoy from the file!');
  });

  it('removes one runtime rule or all of them through the admin API', async () => {
    const added = (await (
      await admin('POST', 'fixtures', [
        { match: { user: 'hello' }, reply: { text: 'one' } },
        { reply: { text: 'two' } },
      ])
    ).json()) as { ids: string[] };
    expect((await ask('hello')).choices[0]!.message.content).toBe('one');
    expect((await admin('DELETE', `fixtures/${added.ids[0]}`)).status).toBe(204);
    expect((await admin('DELETE', `fixtures/${added.ids[0]}`)).status).toBe(404);
    expect((await ask('hello')).choices[0]!.message.content).toBe('two');
    expect((await admin('DELETE', 'fixtures')).status).toBe(204);
    expect((await ask('hello')).choices[0]!.message.content).toBe('Ahoy from the file!');
  });

  it('rejects a malformed rule at run time with a 400 that gives the reason', async () => {
    const res = await admin('POST', 'fixtures', [{ match: { usr: 'x' }, reply: { text: 'y' } }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; code: string } };
    expect(body.error).toMatchObject({
      code: 'invalid_fixture',
      message: expect.stringContaining('unknown match key "usr"'),
    });
  });

  it('scripts tool calls (given or generated arguments), then the answer once the result is back', async () => {
    server.engine.fixtures.add([
      { name: 'then answer', match: { toolResult: 'get_weather' }, reply: { text: 'It is sunny in Rome.' } },
      {
        name: 'call',
        match: { user: 'weather', tools: ['get_weather'] },
        reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }, { name: 'get_time' }] },
      },
    ]);
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
      {
        type: 'function' as const,
        function: {
          name: 'get_time',
          parameters: {
            type: 'object',
            properties: { zone: { type: 'string', enum: ['CET', 'UTC'] } },
            required: ['zone'],
            additionalProperties: false,
          },
          strict: true,
        },
      },
    ];
    const first = await ask('weather in Rome?', { tools });
    const calls = first.choices[0]!.message.tool_calls! as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(calls.map((c) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
      ['get_weather', { city: 'Rome' }],
      ['get_time', { zone: expect.stringMatching(/^(CET|UTC)$/) }],
    ]);
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      tools,
      messages: [
        { role: 'user', content: 'weather in Rome?' },
        first.choices[0]!.message,
        ...calls.map((c) => ({ role: 'tool' as const, tool_call_id: c.id, content: '{"ok":true}' })),
      ],
    });
    expect(second.choices[0]!.message.content).toBe('It is sunny in Rome.');
  });

  it('streams a scripted reply token by token, in the chat stream grammar', async () => {
    server.engine.fixtures.add({
      match: { user: 'stream me' },
      reply: { text: 'Scripted words arrive one token at a time.' },
    });
    const rec = recordingClient(server.url);
    const final = await rec.client.chat.completions
      .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'stream me' }] })
      .finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(final.choices[0]!.message.content).toBe('Scripted words arrive one token at a time.');
    expect(events!.length).toBeGreaterThan(8);
  });

  it('answers with a scripted error, shaped as OpenAI errors are', async () => {
    server.engine.fixtures.add([
      { match: { user: 'overload' }, reply: { error: { status: 429 } } },
      {
        match: { user: 'teapot' },
        reply: { error: { status: 418, message: 'I am a teapot', code: 'teapot', param: 'messages' } },
      },
    ]);
    const limited = await askFailing('overload');
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    expect(limited.headers?.get('retry-after')).toBe('20');
    const custom = await askFailing('teapot');
    expect(custom).toMatchObject({
      status: 418,
      code: 'teapot',
      param: 'messages',
      message: '418 I am a teapot',
    });
  });

  it('scripts structured JSON for parse() and a refusal', async () => {
    server.engine.fixtures.add([
      { match: { responseFormat: 'json_schema' }, reply: { json: { city: 'Lima', population: 10_000_000 } } },
      { match: { user: 'forbidden' }, reply: { refusal: "I'm sorry, I can't help with that." } },
    ]);
    const City = z.object({ city: z.string(), population: z.number() });
    const parsed = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'a city' }],
      response_format: zodResponseFormat(City, 'city'),
    });
    expect(parsed.choices[0]!.message.parsed).toEqual({ city: 'Lima', population: 10_000_000 });
    const refused = await ask('forbidden');
    expect(refused.choices[0]!.message).toMatchObject({
      content: null,
      refusal: "I'm sorry, I can't help with that.",
    });
    const rec = recordingClient(server.url);
    const streamed = await rec.client.chat.completions
      .stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'forbidden' }] })
      .finalChatCompletion();
    await rec.expectValidStreams(1);
    expect(streamed.choices[0]!.message.refusal).toBe("I'm sorry, I can't help with that.");
  });

  it('calls a custom (free-text) tool with generated input', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Run this query on the sales table' }],
      tools: [{ type: 'custom', custom: { name: 'run_sql', description: 'Run an SQL query' } }],
      tool_choice: 'required',
    });
    const call = completion.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageCustomToolCall;
    expect(call).toMatchObject({ type: 'custom', custom: { name: 'run_sql', input: expect.any(String) } });
    expect(call.custom.input.length).toBeGreaterThan(0);
  });

  it('counts nth calls per test scope (x-mock-test-id), so parallel tests do not disturb each other', async () => {
    server.engine.fixtures.add([
      { match: { user: 'flaky', nth: 1 }, reply: { error: { status: 503 } } },
      { match: { user: 'flaky' }, reply: { text: 'recovered' } },
    ]);
    const scoped = (id: string) =>
      new OpenAI({
        apiKey: 'k',
        baseURL: server.url,
        maxRetries: 0,
        defaultHeaders: { 'x-mock-test-id': id },
      });
    const [a, b] = [scoped('test-a'), scoped('test-b')];
    const call = (c: OpenAI) =>
      c.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'flaky' }] }).then(
        (r) => r.choices[0]!.message.content,
        (e: { status: number }) => e.status,
      );
    expect(await call(a)).toBe(503);
    expect(await call(b)).toBe(503);
    expect(await call(a)).toBe('recovered');
    expect(await call(b)).toBe('recovered');
  });

  it('keeps the generated answer but changes only its delivery when a reply has no content', async () => {
    const plain = await ask('a plain question about deltas');
    server.engine.fixtures.add({ match: { user: 'deltas' }, reply: { usage: { promptTokens: 1000 } } });
    const scripted = await ask('a plain question about deltas');
    expect(scripted.choices[0]!.message.content).toBe(plain.choices[0]!.message.content);
    expect(scripted.usage!.prompt_tokens).toBe(1000);
  });

  it('in strict mode answers 400 naming the closest rule when nothing matches', async () => {
    server.engine.fixtures.strict = true;
    try {
      const error = await askFailing('good morning');
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error.code).toBe('fixture_not_matched');
      expect(error.message).toContain('Closest rule: "greeting"');
    } finally {
      server.engine.fixtures.strict = false;
    }
  });
});

describe('fixture files at start', () => {
  it('stop the start when malformed, naming the file, the rule and the reason', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { name: 'ok', reply: { text: 'x' } },
        { name: 'broken', reply: { text: 1 } },
      ]),
    );
    await expect(createEngine({ contract: null, features: { fixtures: { files: bad } } })).rejects.toThrow(
      `${bad}, rule 2 ("broken"): reply.text must be a string`,
    );
    await expect(
      startMockServer({ port: 0, contract: null, features: { fixtures: { files: join(dir, 'nope.yaml') } } }),
    ).rejects.toThrow(/cannot read fixtures .*nope\.yaml/);
  });
});
