import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { countChatPromptTokens, countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

describe('chat.completions.create with the official SDK', () => {
  it('answers with an assistant message that refers to the prompt and real token counts', async () => {
    const messages = [
      { role: 'system' as const, content: 'You are a concise travel guide.' },
      { role: 'user' as const, content: 'What should I see in Lisbon during springtime?' },
    ];
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(completion.model).toBe('gpt-4o');
    expect(completion.system_fingerprint).toMatch(/^fp_[0-9a-f]{10}$/);
    expect(completion.service_tier).toBe('default');
    const [choice] = completion.choices;
    expect(choice!.finish_reason).toBe('stop');
    expect(choice!.message.role).toBe('assistant');
    expect(choice!.message.content).toContain('Lisbon');
    expect(completion.usage!.prompt_tokens).toBe(countChatPromptTokens(messages, 'gpt-4o'));
    expect(completion.usage!.completion_tokens).toBe(countTokens(choice!.message.content!, 'gpt-4o'));
    expect(completion.usage!.total_tokens).toBe(
      completion.usage!.prompt_tokens + completion.usage!.completion_tokens,
    );
  });

  it('gives the same content for the same request and different content for another seed', async () => {
    const body = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Describe a quiet harbour town' }],
    };
    const [a, b, c] = await Promise.all([
      client.chat.completions.create(body),
      client.chat.completions.create(body),
      client.chat.completions.create({ ...body, seed: 7 }),
    ]);
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(a.id).not.toBe(b.id);
    expect(c.choices[0]!.message.content).not.toBe(a.choices[0]!.message.content);
  });

  it('returns n distinct choices with their own indexes', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      n: 3,
      messages: [{ role: 'user', content: 'Name a colour of autumn leaves' }],
    });
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(completion.choices.map((c) => c.message.content)).size).toBe(3);
  });

  it('cuts at max_completion_tokens with finish_reason length', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      max_completion_tokens: 5,
      messages: [{ role: 'user', content: 'Write about mountains' }],
    });
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(countTokens(completion.choices[0]!.message.content!, 'gpt-4o')).toBe(5);
    expect(completion.usage!.completion_tokens).toBe(5);
  });

  it('stops before the first stop sequence', async () => {
    const full = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Tell me about rivers' }],
    });
    const text = full.choices[0]!.message.content!;
    const cut = await client.chat.completions.create({
      model: 'gpt-4o',
      stop: ['.'],
      messages: [{ role: 'user', content: 'Tell me about rivers' }],
    });
    expect(cut.choices[0]!.message.content).not.toContain('.');
    expect(text.startsWith(cut.choices[0]!.message.content!)).toBe(true);
    expect(cut.choices[0]!.finish_reason).toBe('stop');
  });

  it('spends reasoning tokens on reasoning models and may leave nothing visible', async () => {
    const completion = await client.chat.completions.create({
      model: 'o4-mini',
      reasoning_effort: 'high',
      messages: [{ role: 'user', content: 'Prove it' }],
    });
    const details = completion.usage!.completion_tokens_details!;
    expect(details.reasoning_tokens).toBeGreaterThanOrEqual(512);
    expect(completion.usage!.completion_tokens).toBeGreaterThan(details.reasoning_tokens!);
    const starved = await client.chat.completions.create({
      model: 'o4-mini',
      reasoning_effort: 'high',
      max_completion_tokens: 100,
      messages: [{ role: 'user', content: 'Prove it' }],
    });
    expect(starved.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: '' } });
    expect(starved.usage!.completion_tokens_details!.reasoning_tokens).toBe(100);
  });

  it('returns logprobs with top alternatives for every content token', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      logprobs: true,
      top_logprobs: 3,
      messages: [{ role: 'user', content: 'Say something short' }],
    });
    const choice = completion.choices[0]!;
    const tokens = choice.logprobs!.content!;
    expect(tokens.map((t) => t.token).join('')).toBe(choice.message.content);
    for (const t of tokens) {
      expect(t.logprob).toBeLessThanOrEqual(0);
      expect(t.bytes).toEqual([...new TextEncoder().encode(t.token)]);
      expect(t.top_logprobs).toHaveLength(3);
      expect(t.top_logprobs[0]!.token).toBe(t.token);
    }
  });

  it('answers a json_object request with a JSON object', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Reply in JSON about bicycles' }],
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual(
      expect.objectContaining({ answer: expect.any(String) }),
    );
  });
});

describe('chat.completions.create rejects what the real API rejects', () => {
  const fail = (body: Record<string, unknown>) =>
    client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], ...body } as never)
      .then(
        () => {
          throw new Error('expected the request to fail');
        },
        (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
      );

  it('answers context_length_exceeded when the prompt does not fit the model', async () => {
    const long = 'lorem ipsum dolor sit amet '.repeat(1700); // ~8.5k tokens for gpt-4's 8k window
    const error = await fail({ model: 'gpt-4', messages: [{ role: 'user', content: long }] });
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe('context_length_exceeded');
    expect(error.message).toMatch(
      /maximum context length is 8192 tokens\. However, your messages resulted in \d+ tokens/,
    );
  });

  it('counts the requested completion against the context window', async () => {
    const error = await fail({
      model: 'gpt-4',
      max_tokens: 8000,
      messages: [{ role: 'user', content: 'word '.repeat(400) }],
    });
    expect(error.code).toBe('context_length_exceeded');
    expect(error.message).toMatch(/in the messages, 8000 in the completion\)/);
  });

  it('rejects max_tokens above the model output limit and max_tokens on reasoning models', async () => {
    const big = await fail({ max_tokens: 100_000 });
    expect(big.message).toBe(
      '400 max_tokens is too large: 100000. This model supports at most 16384 completion tokens, whereas you provided 100000.',
    );
    const reasoning = await fail({ model: 'o3', max_tokens: 10 });
    expect(reasoning).toMatchObject({ code: 'unsupported_parameter', param: 'max_tokens' });
  });

  it('rejects a non-chat model with the real 404', async () => {
    const error = await fail({ model: 'text-embedding-3-small' });
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toMatch(/not a chat model/);
  });

  it('rejects a tool message that answers no call, and calls left unanswered', async () => {
    const orphan = await fail({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'tool', tool_call_id: 'call_1', content: '{}' },
      ],
    });
    expect(orphan).toMatchObject({ status: 400, param: 'messages.[1].role' });
    const unanswered = await fail({
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'user', content: 'and?' },
      ],
    });
    expect(unanswered.message).toMatch(/did not have response messages: call_9/);
  });

  it("requires the word 'json' for json_object and tools for tool_choice", async () => {
    expect((await fail({ response_format: { type: 'json_object' } })).message).toMatch(
      /must contain the word 'json'/,
    );
    expect((await fail({ tool_choice: 'auto' })).param).toBe('tool_choice');
  });

  it('enforces strict schema rules before generating', async () => {
    const error = await fail({
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
    });
    expect(error.message).toBe(
      "400 Invalid schema for response_format 'person': In context=(), 'additionalProperties' is required to be supplied and to be false.",
    );
  });
});
