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

  it('uses the key from the environment when the client sends none, and never writes it', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'env-key',
      mode: 'record',
      upstream: upstream.url,
      env: { OPENAI_API_KEY: UPSTREAM_KEY },
    });
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(200);
    await server.close();
    const cassette = JSON.stringify(await readCassette(join(dir, 'env-key.json')));
    expect(cassette).not.toContain(UPSTREAM_KEY);
  });

  it('never writes a key of any shape: not where the upstream echoes it, not in a path', async () => {
    const server = await cassetteServer({
      dir,
      cassette: 'gateway-key',
      mode: 'record',
      upstream: upstream.url,
      env: { OPENAI_API_KEY: UPSTREAM_KEY },
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

  it('records the upstream refusing a bad key as it was answered', async () => {
    const server = await cassetteServer({ dir, cassette: 'bad-key', mode: 'record', upstream: upstream.url });
    const res = await fetch(`${server.url}/models`, {
      headers: { authorization: 'Bearer sk-wrong-key-000000000' },
    });
    expect(res.status).toBe(401);
    await server.close();
    const recorded = (await readCassette(join(dir, 'bad-key.json')))!.interactions[0]!;
    expect(recorded.response.status).toBe(401);
    expect(JSON.stringify(recorded)).not.toContain('sk-wrong-key');
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
