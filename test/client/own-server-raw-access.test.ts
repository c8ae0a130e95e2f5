// Raw access and stream-fitting timeouts, against our own server: `withResponse()` / `asResponse()` on
// JSON calls, lists, streams and downloads (compared with the official SDK's), the per-chunk idle timeout
// driven by a `slow_stream` fault, and streamed uploads with retries that re-open the source (or refuse).

import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionTimeoutError,
  fileFromPath,
  fileFromStream,
  InternalServerError,
  NotFoundError,
  OpenAIClient,
  Page,
  Stream,
} from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();

const ours = (scope = 'raw', extra: Partial<ConstructorParameters<typeof OpenAIClient>[0]> = {}) =>
  new OpenAIClient({
    apiKey: 'sk-test',
    baseURL: server.url,
    maxRetries: 0,
    defaultHeaders: { 'x-mock-test-id': scope },
    ...extra,
  });
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

describe('withResponse() and asResponse()', () => {
  it('give the data with the response and request id, as the official SDK does', async () => {
    const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
    const mine = await ours().chat.completions.create(chat).withResponse();
    const theirs = await sdk.chat.completions.create(chat).withResponse();
    for (const side of [mine, theirs]) {
      expect(side.request_id).toMatch(/^req_/);
      expect(side.request_id).toBe(side.response.headers.get('x-request-id'));
      expect(side.response.status).toBe(200);
    }
    expect(mine.data.choices[0]?.message.content).toBe(theirs.data.choices[0]?.message.content);
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
  });

  it('asResponse() leaves a JSON body unread, and the call is sent once', async () => {
    const client = ours('raw-as-response');
    const response = await client.models.retrieve('gpt-4o-mini').asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toMatchObject({ id: 'gpt-4o-mini', object: 'model' });
    expect(server.journal.entries().filter((e) => e.operationId === 'retrieveModel')).toHaveLength(1);
  });

  it('work on lists (a Page), streams (a Stream) and downloads', async () => {
    const client = ours();
    const page = await client.models.list().withResponse();
    expect(page.data).toBeInstanceOf(Page);
    expect(page.data.data.length).toBeGreaterThan(0);

    const streamed = await client.chat.completions.create({ ...chat, stream: true }).withResponse();
    expect(streamed.data).toBeInstanceOf(Stream);
    expect(streamed.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    let text = '';
    for await (const chunk of streamed.data) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);

    const raw = await client.chat.completions.create({ ...chat, stream: true }).asResponse();
    expect(await raw.text()).toMatch(/data: \[DONE\]/);

    const file = await client.files.create({ file: new File(['{"a":1}\n'], 'a.jsonl'), purpose: 'batch' });
    const download = await client.files.content(file.id).withResponse();
    expect(await download.data.text()).toBe('{"a":1}\n');
  });

  it('reject with the typed error on an error status', async () => {
    await expect(ours().models.retrieve('no-such-model').asResponse()).rejects.toBeInstanceOf(NotFoundError);
    await expect(ours().models.retrieve('no-such-model').withResponse()).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('idle timeout (per chunk) beside the request timeout', () => {
  it('a stream that stalls between events fails with APIConnectionTimeoutError after items arrived', async () => {
    server.engine.faults.add({
      match: { path: '/chat/completions', header: { 'x-mock-test-id': 'idle-slow' } },
      type: 'slow_stream',
      ttftMs: 0,
      eventIntervalMs: 400,
    });
    const client = ours('idle-slow', { idleTimeout: 150 });
    const stream = await client.chat.completions.create({ ...chat, stream: true });
    let items = 0;
    const started = performance.now();
    const error = await (async () => {
      for await (const _ of stream) items++;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/no data for 150 ms \(idleTimeout\)/);
    expect(items).toBeLessThan(3);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a stream whose events keep coming within the idle limit completes, however long it takes', async () => {
    server.engine.faults.add({
      match: { path: '/chat/completions', header: { 'x-mock-test-id': 'idle-steady' } },
      type: 'slow_stream',
      ttftMs: 0,
      eventIntervalMs: 40,
    });
    // The whole stream takes longer than the idle limit; no single gap does.
    const client = ours('idle-steady', { idleTimeout: 250 });
    const stream = await client.chat.completions.create({ ...chat, stream: true, max_completion_tokens: 12 });
    let chunks = 0;
    const started = performance.now();
    for await (const _ of stream) chunks++;
    expect(chunks).toBeGreaterThan(8);
    expect(performance.now() - started).toBeGreaterThan(250);
  });
});

describe('streamed uploads and retries', () => {
  const failOnce = (scope: string) =>
    server.engine.faults.add({
      match: { path: '/files', method: 'POST', header: { 'x-mock-test-id': scope } },
      status: 503,
      times: 1,
      retryAfterMs: 1,
    });

  it('fileFromStream re-opens its source for the retry, and the server stores every byte', async () => {
    failOnce('up-factory');
    const dir = await mkdtemp(join(tmpdir(), 'client-upload-'));
    const path = join(dir, 'big.jsonl');
    const line = `${JSON.stringify({ custom_id: 'x', pad: 'y'.repeat(200) })}\n`;
    await writeFile(path, line.repeat(2000));
    let opened = 0;
    const client = ours('up-factory', { maxRetries: 1 });
    const file = await client.files.create({
      file: fileFromStream(() => {
        opened++;
        return createReadStream(path, { highWaterMark: 16 * 1024 });
      }, 'big.jsonl'),
      purpose: 'batch',
    });
    expect(opened).toBe(2);
    expect(file).toMatchObject({ filename: 'big.jsonl', bytes: line.length * 2000 });
    expect(await (await client.files.content(file.id)).text()).toBe(line.repeat(2000));
  });

  it('fileFromPath is read again from disk on a retry', async () => {
    failOnce('up-path');
    const dir = await mkdtemp(join(tmpdir(), 'client-upload-'));
    const path = join(dir, 'p.jsonl');
    await writeFile(path, '{"custom_id":"1"}\n');
    const file = await ours('up-path', { maxRetries: 1 }).files.create({
      file: fileFromPath(path),
      purpose: 'batch',
    });
    expect(file).toMatchObject({ filename: 'p.jsonl', bytes: 18 });
    expect(server.journal.entries().map((e) => e.status)).toEqual([503, 200]);
  });

  it('a one-shot stream is sent once and not retried, and the error says why', async () => {
    failOnce('up-once');
    const error = await ours('up-once', { maxRetries: 2 })
      .files.create({ file: Readable.from(['{"custom_id":"1"}\n']), purpose: 'batch' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(
      /not retried: the upload is a stream that was read once; pass fileFromPath/,
    );
    expect(server.journal.entries().map((e) => e.status)).toEqual([503]);
  });
});
