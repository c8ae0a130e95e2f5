import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { countTokens, encodeTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { sentUsage, wireTap } from './clients-wiretap.js';

const server = await useMockServer();
const client = server.client;
const MODEL = 'gpt-3.5-turbo-instruct';

/**
 * The document declares no event stream for this route; src/contract/errata.ts adds the chunk schema the
 * real API streams (finish_reason null until a choice ends, usage null until the last chunk), which the
 * server's self-check applies to every event. Checked here once more, directly.
 */
function checkChunk(chunk: OpenAI.Completions.Completion) {
  return server.engine.contract!.validateSchema('/components/schemas/CreateCompletionStreamChunk', chunk);
}

describe('legacy completions with the official SDK', () => {
  it('answers a text_completion cut at the default 16 tokens, with real usage', async () => {
    const prompt = 'Write a tagline for an ice cream shop in Lisbon';
    const res = await client.completions.create({ model: MODEL, prompt });
    expect(res.object).toBe('text_completion');
    expect(res.id).toMatch(/^cmpl-[A-Za-z0-9]{29}$/);
    expect(res.model).toBe(MODEL);
    const [choice] = res.choices;
    expect(choice).toMatchObject({ index: 0, logprobs: null, finish_reason: 'length' });
    expect(choice!.text.startsWith('\n\n')).toBe(true);
    expect(countTokens(choice!.text, MODEL)).toBe(16);
    expect(res.usage).toEqual({
      prompt_tokens: countTokens(prompt, MODEL),
      completion_tokens: 16,
      total_tokens: countTokens(prompt, MODEL) + 16,
    });
  });

  it('stops on its own within a large max_tokens, and the same request gives the same text', async () => {
    const body = { model: MODEL, prompt: 'Describe the harbour of Valletta', max_tokens: 400 };
    const a = await client.completions.create(body);
    const b = await client.completions.create(body);
    expect(a.choices[0]!.finish_reason).toBe('stop');
    expect(a.choices[0]!.text).toContain('Valletta');
    expect(b.choices[0]!.text).toBe(a.choices[0]!.text);
    expect(b.id).not.toBe(a.id);
    expect(a.usage!.completion_tokens).toBe(countTokens(a.choices[0]!.text, MODEL));
  });

  it('cuts at a stop sequence, and max_tokens cuts the same text', async () => {
    const prompt = 'Tell me about the rivers of Portugal';
    const full = (await client.completions.create({ model: MODEL, prompt, max_tokens: 400 })).choices[0]!
      .text;
    const stop = full.slice(12, 15);
    const stopped = await client.completions.create({ model: MODEL, prompt, max_tokens: 400, stop: [stop] });
    expect(stopped.choices[0]).toMatchObject({
      text: full.slice(0, full.indexOf(stop)),
      finish_reason: 'stop',
    });
    const short = await client.completions.create({ model: MODEL, prompt, max_tokens: 5 });
    expect(full.startsWith(short.choices[0]!.text)).toBe(true);
    expect(short.choices[0]!.finish_reason).toBe('length');
  });

  it('answers n choices per prompt for string, token and batched prompts, indexed prompt by prompt', async () => {
    const res = await client.completions.create({
      model: 'davinci-002',
      prompt: ['The first law of robotics', 'A recipe for bread'],
      n: 2,
      max_tokens: 8,
    });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(res.usage!.prompt_tokens).toBe(
      countTokens('The first law of robotics', 'davinci-002') +
        countTokens('A recipe for bread', 'davinci-002'),
    );
    expect(res.usage!.completion_tokens).toBe(
      res.choices.reduce((sum, c) => sum + countTokens(c.text, 'davinci-002'), 0),
    );
    const tokens = encodeTokens('Once upon a time', 'babbage-002');
    const fromTokens = await client.completions.create({ model: 'babbage-002', prompt: tokens, echo: true });
    expect(fromTokens.choices[0]!.text.startsWith('Once upon a time')).toBe(true);
    expect(fromTokens.usage!.prompt_tokens).toBe(tokens.length);
  });

  it('echoes the prompt and returns the legacy logprobs object', async () => {
    const prompt = 'Paris is the capital of';
    const res = await client.completions.create({
      model: MODEL,
      prompt,
      echo: true,
      logprobs: 3,
      max_tokens: 6,
    });
    const { text, logprobs } = res.choices[0]!;
    expect(text.startsWith(prompt)).toBe(true);
    expect(logprobs!.tokens!.join('')).toBe(text);
    expect(logprobs!.token_logprobs).toHaveLength(logprobs!.tokens!.length);
    expect(logprobs!.text_offset![0]).toBe(0);
    for (const [i, token] of logprobs!.tokens!.entries()) {
      expect(text.slice(logprobs!.text_offset![i]).startsWith(token)).toBe(true);
      const top = logprobs!.top_logprobs![i]!;
      expect(Object.keys(top)).toHaveLength(3);
      expect(top[token]).toBe(logprobs!.token_logprobs![i]);
    }
    expect(res.usage!.completion_tokens).toBe(6);
  });

  it('counts the suffix in the prompt', async () => {
    const res = await client.completions.create({
      model: MODEL,
      prompt: 'def add(a, b):\n',
      suffix: '\n    return total',
      max_tokens: 10,
    });
    expect(res.usage!.prompt_tokens).toBe(
      countTokens('def add(a, b):\n', MODEL) + countTokens('\n    return total', MODEL),
    );
  });

  it('streams text_completion chunks of one token, the finish reason, the usage and [DONE]', async () => {
    const body = { model: MODEL, prompt: 'Name three colours of the sea', max_tokens: 12 };
    const plain = await client.completions.create(body);
    const stream = await client.completions.create({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(checkChunk(chunk)).toEqual([]);
    expect(chunks.every((c) => c.object === 'text_completion' && c.id === chunks[0]!.id)).toBe(true);
    const deltas = chunks.filter((c) => c.choices[0]?.finish_reason === null);
    expect(deltas).toHaveLength(12);
    expect(deltas.map((c) => c.choices[0]!.text).join('')).toBe(plain.choices[0]!.text);
    expect(chunks.at(-2)!.choices[0]).toMatchObject({ text: '', finish_reason: 'length' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: plain.usage });
    const raw = await fetch(`${server.url}/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, stream: true }),
    }).then((r) => r.text());
    expect(raw.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('answers the real API errors: chat models, context length, best_of below n', async () => {
    const chat = await client.completions.create({ model: 'gpt-4o', prompt: 'hi' }).catch((e: unknown) => e);
    expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
    expect((chat as Error).message).toContain(
      'This is a chat model and not supported in the v1/completions endpoint',
    );
    const long = await client.completions
      .create({ model: MODEL, prompt: 'hello', max_tokens: 4096 })
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(OpenAI.BadRequestError);
    expect((long as Error).message).toContain(
      'maximum context length is 4096 tokens, however you requested 4097 tokens (1 in your prompt; 4096 for the completion)',
    );
    const best = await client.completions
      .create({ model: MODEL, prompt: 'x', n: 3, best_of: 2 })
      .catch((e: unknown) => e);
    expect(best).toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe('legacy completions with the Vercel AI SDK (openai.completion)', () => {
  function provider() {
    const tap = wireTap();
    return { openai: createOpenAI({ baseURL: server.url, apiKey: 'sk-test-key', fetch: tap.fetch }), tap };
  }

  it('generateText returns the completion, its finish reason and the usage the server reported', async () => {
    const { openai, tap } = provider();
    const result = await generateText({
      model: openai.completion(MODEL),
      prompt: 'Tell me about Lisbon in spring',
      maxOutputTokens: 300,
    });
    expect(result.text).toContain('Lisbon');
    expect(result.finishReason).toBe('stop');
    const [exchange] = await tap.exchanges();
    expect(exchange).toMatchObject({ method: 'POST', path: '/v1/completions', status: 200 });
    const wire = sentUsage(exchange!);
    expect(result.usage).toMatchObject({
      inputTokens: wire.input,
      outputTokens: wire.output,
      totalTokens: wire.total,
    });
    // The AI SDK writes a chat-style prompt: "user:\n…\n\nassistant:\n".
    expect(wire.input).toBe(countTokens('user:\nTell me about Lisbon in spring\n\nassistant:\n', MODEL));
    const short = await generateText({ model: openai.completion(MODEL), prompt: 'Tell me about Lisbon' });
    expect(short.finishReason).toBe('length'); // the API's default max_tokens is 16
  });

  it('streamText streams the completion in several parts with the usage the server reported', async () => {
    const { openai, tap } = provider();
    const result = streamText({
      model: openai.completion(MODEL),
      prompt: 'Describe the harbour of Valletta',
      maxOutputTokens: 40,
    });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    const text = await result.text;
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join('')).toBe(text);
    expect(text).toContain('Valletta');
    expect(await result.finishReason).toMatch(/^(stop|length)$/);
    const [exchange] = await tap.exchanges();
    expect(exchange!.events!.at(-1)).toBe('[DONE]');
    const wire = sentUsage(exchange!);
    expect(await result.usage).toMatchObject({
      inputTokens: wire.input,
      outputTokens: wire.output,
      totalTokens: wire.total,
    });
    expect(wire.output).toBe(countTokens(text, MODEL));
  });
});
