import { describe, expect, it } from 'vitest';
import { buildEngine, type EngineOptions } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import type { MockRequest, MockResponse } from '../../src/engine/index.js';

const contract = await loadContract();
const chat = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): MockRequest => ({
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...extra },
});
const engineWith = (options: EngineOptions) => buildEngine(contract, { checkResponses: false, ...options });
const error = (r: MockResponse) => (r.body as { value: { error: Record<string, unknown> } }).value.error;

describe('request validation modes', () => {
  it('strict answers 400 naming the field; warn answers and journals the violation; off does neither', async () => {
    const bad = chat({ user: 5 });
    const strict = await engineWith({ validation: 'strict' }).handle(bad);
    expect([strict.status, error(strict)['param'], error(strict)['code']]).toEqual([
      400,
      'user',
      'invalid_type',
    ]);

    const warnEngine = engineWith({ validation: 'warn' });
    expect((await warnEngine.handle(bad)).status).toBe(200);
    expect(warnEngine.journal.entries()[0]?.validation).toEqual([
      expect.objectContaining({ in: 'body', pointer: '/user', keyword: 'type' }),
    ]);
    expect((await warnEngine.handle(chat())).status).toBe(200);
    expect(warnEngine.journal.entries()[1]?.validation).toEqual([]);

    const offEngine = engineWith({ validation: 'off' });
    expect((await offEngine.handle(bad)).status).toBe(200);
    expect(offEngine.journal.entries()[0]?.validation).toEqual([]);
  });
});

describe('API keys', () => {
  it('are not required by default', async () => {
    expect((await engineWith({}).handle(chat())).status).toBe(200);
  });

  it('when required, a missing key is 401 and any key passes', async () => {
    const engine = engineWith({ requireApiKey: true });
    const missing = await engine.handle(chat());
    expect(missing.status).toBe(401);
    expect(String(error(missing)['message'])).toMatch(/^You didn't provide an API key/);
    expect((await engine.handle(chat({}, { authorization: 'Bearer sk-whatever' }))).status).toBe(200);
  });

  it('when listed, only the listed keys pass; others get invalid_api_key with the key masked', async () => {
    const engine = engineWith({ requireApiKey: ['sk-good-0000000000'] });
    expect((await engine.handle(chat({}, { authorization: 'Bearer sk-good-0000000000' }))).status).toBe(200);
    const wrong = await engine.handle(chat({}, { authorization: 'Bearer sk-wrong-0000000000' }));
    expect([wrong.status, error(wrong)['code']]).toEqual([401, 'invalid_api_key']);
    expect(String(error(wrong)['message'])).not.toContain('sk-wrong-0000000000');
    expect((await engine.handle(chat())).status).toBe(401);
  });
});

describe('every answer', () => {
  it('carries the headers the real API sends, and its journal entry says what was asked', async () => {
    const engine = engineWith({});
    const res = await engine.handle(chat({ stream: true }, { 'x-mock-test-id': 'test-7' }));
    if (res.body.kind === 'sse') for await (const _ of res.body.events);
    const [entry] = engine.journal.entries();
    expect(res.headers['x-request-id']).toBe(entry?.id);
    expect(res.headers['openai-version']).toBe('2020-10-01');
    expect(Number(res.headers['openai-processing-ms'])).toBeGreaterThanOrEqual(1);
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      operationId: 'createChatCompletion',
      scope: 'test-7',
      model: 'gpt-4o-mini',
      stream: true,
      status: 200,
      fault: null,
    });
    const plain = await engine.handle(chat());
    expect(engine.journal.entries()[1]).toMatchObject({ scope: null, stream: false, status: plain.status });
  });

  it('is an OpenAI-shaped 404 for a model the catalog lacks, unless any model is accepted', async () => {
    const unknown = await engineWith({}).handle(chat({ model: 'gpt-nonexistent' }));
    expect([unknown.status, error(unknown)['code']]).toEqual([404, 'model_not_found']);
    expect(
      (await engineWith({ acceptAnyModel: true }).handle(chat({ model: 'gpt-nonexistent' }))).status,
    ).toBe(200);
  });
});
