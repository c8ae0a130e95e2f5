import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

/** The 400 the SDK throws for a request, as the user reads it. */
async function rejection(call: () => Promise<unknown>) {
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  const { status, param, code, message } = error as InstanceType<typeof OpenAI.BadRequestError>;
  return { status, param, code, message };
}

// Forms and query strings carry only text, so the server reads `n=2` there as a number; a JSON body says
// what type it means, and the real API answers a string where a boolean or an integer belongs with a 400.
describe('JSON bodies are taken at their word, not coerced like form fields', () => {
  it('answers 400 to chat with stream: "true"', async () => {
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: 'true' };
    expect(await rejection(() => client.chat.completions.create(body as never))).toEqual({
      status: 400,
      param: 'stream',
      code: 'invalid_type',
      message: "400 Invalid type for 'stream': expected a boolean, but got a string instead.",
    });
  });

  it('answers 400 to chat with n: "2"', async () => {
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], n: '2' };
    expect(await rejection(() => client.chat.completions.create(body as never))).toMatchObject({
      status: 400,
      param: 'n',
      code: 'invalid_type',
    });
  });

  it('answers 400 to Responses with max_output_tokens: "50"', async () => {
    const body = { model: 'gpt-4o-mini', input: 'hi', max_output_tokens: '50' };
    expect(await rejection(() => client.responses.create(body as never))).toEqual({
      status: 400,
      param: 'max_output_tokens',
      code: 'invalid_type',
      message: "400 Invalid type for 'max_output_tokens': expected an integer, but got a string instead.",
    });
    expect(server.journal.entries().map((e) => e.status)).toEqual([400]);
  });
});

describe('a decimal where the document wants an integer', () => {
  it('is a 400 that says so in the API words, on chat and on Responses', async () => {
    const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], n: 1.5 };
    expect(await rejection(() => client.chat.completions.create(chat as never))).toEqual({
      status: 400,
      param: 'n',
      code: 'invalid_type',
      message: "400 Invalid type for 'n': expected an integer, but got a decimal instead.",
    });
    const responses = { model: 'gpt-4o-mini', input: 'hi', max_output_tokens: 50.5 };
    expect(await rejection(() => client.responses.create(responses as never))).toEqual({
      status: 400,
      param: 'max_output_tokens',
      code: 'invalid_type',
      message: "400 Invalid type for 'max_output_tokens': expected an integer, but got a decimal instead.",
    });
  });
});
