import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/server/index.js';

const run = promisify(execFile);
const LIMIT = 64 * 1024;

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, seed: 1, bodyLimit: LIMIT, limits: { jsonDepth: 32 } });
});
afterAll(() => server.close());

function expectOpenAIError(body: unknown): { message: string; type: string; param: unknown; code: unknown } {
  const error = (body as { error: { message: string; type: string; param: unknown; code: unknown } }).error;
  expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(typeof error.message).toBe('string');
  return error;
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-x', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('bodies over the limit', () => {
  it('reach the official SDK as a 413 it does not retry, not as a connection error', async () => {
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url, maxRetries: 2 });
    const error = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x'.repeat(16 * LIMIT) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('request_too_large');
    // The server still answers on a fresh connection.
    expect((await client.models.list()).data.length).toBeGreaterThan(0);
  });

  it('reach curl with Expect: 100-continue as a 413 before it sends the body', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oversize-')), 'body.json');
    writeFileSync(file, `{"model":"text-embedding-3-small","input":"${'y'.repeat(2 * LIMIT)}"}`);
    const { stdout } = await run('curl', [
      '-s',
      '-i',
      '-H',
      'Content-Type: application/json',
      '-H',
      'Expect: 100-continue',
      '--data-binary',
      `@${file}`,
      `${server.url}/embeddings`,
    ]);
    expect(stdout).not.toContain('100 Continue');
    expect(stdout.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(expectOpenAIError(JSON.parse(stdout.slice(stdout.indexOf('{')))).code).toBe('request_too_large');
  });
});

describe('malformed requests', () => {
  it('answer a path that is not valid percent-encoding with an OpenAI-shaped 400', async () => {
    const { stdout } = await run('curl', ['-s', '-i', '-X', 'DELETE', `${server.url}/models/%C3%28`]);
    expect(stdout.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const error = expectOpenAIError(JSON.parse(stdout.slice(stdout.indexOf('{'))));
    expect(error.message).toBe('Invalid URL (DELETE /v1/models/%C3%28): it is not valid percent-encoding.');
    expect(error.type).toBe('invalid_request_error');
  });

  it('answer JSON nested past the depth limit with a 400 naming the limit, even 10,000 levels deep', async () => {
    for (const depth of [33, 10_000]) {
      const input = `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
      const { status, body } = await post(
        '/embeddings',
        `{"model":"text-embedding-3-small","input":${input}}`,
      );
      expect(status).toBe(400);
      const error = expectOpenAIError(body);
      expect(error.code).toBe('json_too_deep');
      expect(error.message).toContain('more than 32 levels deep');
    }
    // At the limit it is an ordinary request (here a validation 400, not the depth one).
    const nested = `${'['.repeat(30)}"x"${']'.repeat(30)}`;
    const { body } = await post('/embeddings', `{"model":"text-embedding-3-small","input":${nested}}`);
    expect(expectOpenAIError(body).code).not.toBe('json_too_deep');
  });
});

describe('what the real API refuses', () => {
  const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

  it('answers a misspelled chat parameter as the API does, through the official SDK', async () => {
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url, maxRetries: 0 });
    const error = (await client.chat.completions
      .create({ ...chat, temprature: 0.5 } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.error).toEqual({
      message: 'Unrecognized request argument supplied: temprature',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  });

  it('answers a misspelled Responses parameter as the API does, through the official SDK', async () => {
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url, maxRetries: 0 });
    const error = (await client.responses
      .create({ model: 'gpt-4o-mini', input: 'hi', temprature: 0.5 } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.error).toEqual({
      message: "Unknown parameter: 'temprature'.",
      type: 'invalid_request_error',
      param: 'temprature',
      code: 'unknown_parameter',
    });
  });

  it('refuses JSON sent as application/xml with the API 400', async () => {
    const { status, body } = await post('/chat/completions', JSON.stringify(chat), {
      'content-type': 'application/xml',
    });
    expect(status).toBe(400);
    const error = expectOpenAIError(body);
    expect(error.code).toBe('unsupported_content_type');
    expect(error.message).toContain("Unsupported content type: 'application/xml'");
  });

  it('refuses invalid UTF-8 inside JSON as malformed JSON', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bytes,
    });
    expect(res.status).toBe(400);
    expect(expectOpenAIError(await res.json()).message).toMatch(/could not parse the JSON body/);
  });

  it('in warn mode, answers anyway and notes each in the journal', async () => {
    await using warn = await startMockServer({ port: 0, validation: 'warn' });
    const res = await fetch(`${warn.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: JSON.stringify({ ...chat, temprature: 0.5 }),
    });
    expect(res.status).toBe(200);
    const messages = warn.journal.entries()[0]?.validation.map((v) => v.message);
    expect(messages).toContain('Unrecognized request argument supplied: temprature');
    expect(messages?.some((m) => m.startsWith("Unsupported content type: 'application/xml'"))).toBe(true);
  });
});
