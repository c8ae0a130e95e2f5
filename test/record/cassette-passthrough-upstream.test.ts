import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCassette } from '../../src/record/index.js';
import { cassetteServer, tempDir } from './helpers/cassette-server.js';
import { type FakeUpstream, GATEWAY_KEY, startFakeUpstream, UPSTREAM_KEY } from './helpers/fake-upstream.js';

describe('going upstream', () => {
  const dir = tempDir();
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(() => upstream.close());

  it('forwards in passthrough mode and records nothing', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'pass',
      mode: 'passthrough',
      upstream: upstream.url,
    });
    const models = await server.client.models.list();
    expect(models.data[0]?.id).toBe('gpt-4o-mini');
    expect(server.journal.entries()[0]?.source).toBe('upstream');
    await server.close();
    expect(existsSync(join(dir, 'pass.json'))).toBe(false);
  });

  it('uses the key from its own environment, not the dummy key the client sends, and never writes either', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'env-key',
      mode: 'record',
      upstream: upstream.url,
      env: { OPENAI_API_KEY: UPSTREAM_KEY },
    });
    const res = await fetch(`${server.url}/models`, {
      headers: { authorization: 'Bearer sk-dummy-client-000000' },
    });
    expect(res.status).toBe(200);
    await server.close();
    const cassette = JSON.stringify(await readCassette(join(dir, 'env-key.json')));
    expect(cassette).not.toContain(UPSTREAM_KEY);
    expect(cassette).not.toContain('sk-dummy-client');
  });

  it('never writes a key of any shape: not where the upstream echoes it, not in a path', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'gateway-key',
      mode: 'record',
      upstream: upstream.url,
      env: {},
      // The client's key goes upstream (a proxy whose clients hold real keys).
      forwardClientKey: true,
    });
    // The client holds a key without the sk- shape (a gateway's), which no pattern would catch.
    const client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: server.url, maxRetries: 0 });
    const reply = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(reply.system_fingerprint).toMatch(/^fp_echo \S+$/); // the upstream echoes the key it got
    // A key pasted into a URL by mistake (the upstream's 404 quotes the path).
    const misplaced = await fetch(`${server.url}/models/${GATEWAY_KEY}`, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
    });
    expect(misplaced.status).toBe(404);
    await server.close();
    const recorded = (await readCassette(join(dir, 'gateway-key.json')))!.interactions;
    expect(recorded.map((i) => i.request.path)).toEqual(['/v1/chat/completions', '/v1/models/[REDACTED]']);
    const written = JSON.stringify(recorded);
    expect(written).not.toContain('gw-team');
    expect(written).not.toContain(UPSTREAM_KEY);
  });

  it("sends the client's key only when asked to (forwardClientKey)", async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'forward',
      mode: 'record',
      upstream: upstream.url,
      env: {},
      forwardClientKey: true,
    });
    const res = await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${UPSTREAM_KEY}` } });
    expect(res.status).toBe(200);
    await server.close();
    expect(JSON.stringify(await readCassette(join(dir, 'forward.json')))).not.toContain(UPSTREAM_KEY);
  });

  it('answers 401 naming the variable when the recorder has no key, and sends nothing upstream', async () => {
    const seen = upstream.seen.length;
    const server = await cassetteServer({
      dir,
      cassette: 'no-key',
      mode: 'record',
      upstream: upstream.url,
      env: {},
    });
    const res = await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${UPSTREAM_KEY}` } });
    const body = (await res.json()) as { error: { message: string; code: string } };
    await server.close();
    expect(res.status).toBe(401);
    expect(body.error.code).toBe('upstream_key_missing');
    expect(body.error.message).toMatch(/set \$OPENAI_API_KEY in the recorder's environment/);
    expect(upstream.seen.length).toBe(seen);
    expect(existsSync(join(dir, 'no-key.json'))).toBe(false);
  });

  it('never writes the upstream refusing the key: answers 401 saying so, counts an error, calls onRefused', async () => {
    const refused: string[] = [];
    const server = await cassetteServer({
      dir,
      cassette: 'bad-key',
      mode: 'record',
      upstream: upstream.url,
      env: { OPENAI_API_KEY: 'sk-wrong-key-000000000' },
      onRefused: (error) => refused.push(error.message),
    });
    const res = await fetch(`${server.url}/models`);
    const body = (await res.json()) as { error: { message: string; code: string } };
    expect(res.status).toBe(401);
    expect(body.error.code).toBe('upstream_refused_key');
    expect(body.error.message).toMatch(
      /the upstream refused the key in \$OPENAI_API_KEY \(401: Incorrect API key provided\.\); nothing was recorded/,
    );
    expect(refused).toEqual([body.error.message]);
    expect((await server.engine.cassettes.summary()).map((s) => [s.new, s.errors])).toEqual([[0, 1]]);
    await server.close();
    expect(existsSync(join(dir, 'bad-key.json'))).toBe(false);
  });

  it('sums up per cassette what a second recording changed: new, updated, unchanged', async () => {
    const record = async (prompts: string[]) => {
      const server = await cassetteServer({ dir, cassette: 'again', mode: 'record', upstream: upstream.url });
      for (const content of prompts)
        await server.client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content }],
        });
      const summary = await server.engine.cassettes.summary();
      await server.close();
      return summary.map(({ path: _path, ...counts }) => counts);
    };
    expect(await record(['one', 'two'])).toEqual([{ new: 2, updated: 0, unchanged: 0, errors: 0 }]);
    expect(await record(['one', 'three'])).toEqual([{ new: 1, updated: 0, unchanged: 1, errors: 0 }]);
  });

  it('records other upstream errors as they came (a 429 with its retry-after)', async () => {
    const server = await cassetteServer({ dir, cassette: 'limited', mode: 'record', upstream: upstream.url });
    await expect(
      server.client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'rate-limit' }],
      }),
    ).rejects.toMatchObject({ status: 429 });
    await server.close();
    const recorded = (await readCassette(join(dir, 'limited.json')))!.interactions[0]!;
    expect(recorded.response.status).toBe(429);
    expect(recorded.response.headers['retry-after']).toBe('1');
  });

  it('keeps the upstream headers of a stream, not the x-request-id and openai-processing-ms the mock adds', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'stream-headers',
      mode: 'record',
      upstream: upstream.url,
    });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    await res.text();
    await server.close();
    const headers = (await readCassette(join(dir, 'stream-headers.json')))!.interactions[0]!.response.headers;
    expect(headers['x-ratelimit-remaining-requests']).toBe('499');
    expect(headers['x-request-id']).toBe('req_upstream_stream');
    expect(headers['openai-processing-ms']).toBeUndefined();
  });

  it('answers 502 naming the upstream when it cannot be reached, and records nothing', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'down',
      mode: 'record',
      upstream: 'http://127.0.0.1:9/v1',
    });
    const res = await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${UPSTREAM_KEY}` } });
    const body = (await res.json()) as { error: { message: string; code: string } };
    await server.close();
    expect(res.status).toBe(502);
    expect(body.error.code).toBe('upstream_unreachable');
    expect(body.error.message).toMatch(/upstream http:\/\/127\.0\.0\.1:9 could not be reached/);
    expect(existsSync(join(dir, 'down.json'))).toBe(false);
  });

  it('saves a recording on its own shortly after it completes with autosave on (the proxy), before any close', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'auto',
      mode: 'record',
      upstream: upstream.url,
      autosave: true,
    });
    await server.client.models.list();
    const path = join(dir, 'auto.json');
    for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 20));
    const saved = await readCassette(path);
    await server.close();
    expect(saved?.interactions).toHaveLength(1);
  });
});
