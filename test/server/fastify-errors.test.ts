import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { buildApp } from '../../src/server/index.js';

let app: FastifyInstance;
beforeAll(async () => {
  const engine = buildEngine(await loadContract(), { checkResponses: true });
  app = await buildApp({ engine, bodyLimit: 1024 });
});
afterAll(() => app.close());

const errorOf = (body: string) => (JSON.parse(body) as { error: Record<string, unknown> }).error;

describe('the fastify door', () => {
  it('serves routes under /v1 and at the root, with an x-request-id on every response', async () => {
    const a = await app.inject({ method: 'GET', url: '/v1/models' });
    const b = await app.inject({ method: 'GET', url: '/models' });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json()).toEqual(b.json());
    expect(a.headers['x-request-id']).toMatch(/^req_[0-9a-f]{32}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('answers malformed JSON with the real API 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      payload: '{"model": "gpt-4o", ',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res.body)).toMatchObject({ type: 'invalid_request_error', param: null, code: null });
    expect(errorOf(res.body)['message']).toMatch(/could not parse the JSON body/);
    expect(res.headers['x-request-id']).toBeDefined();
  });

  it('answers an unknown route with 404 and a wrong method with 405, OpenAI-shaped', async () => {
    const missing = await app.inject({ method: 'GET', url: '/v1/no/such/thing' });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing.body)['message']).toBe('Invalid URL (GET /v1/no/such/thing)');
    const wrong = await app.inject({ method: 'PUT', url: '/v1/models' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers['allow']).toContain('GET');
    expect(errorOf(wrong.body)['type']).toBe('invalid_request_error');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ model: 'text-embedding-3-small', input: 'x'.repeat(4096) }),
    });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res.body)['code']).toBe('request_too_large');
  });

  it('answers CORS preflights so browser apps can call it', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/v1/chat/completions',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('answers an invalid request with the 400 the real API gives, naming the parameter', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ model: 'gpt-4o' }),
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res.body)).toMatchObject({
      message: "Missing required parameter: 'messages'.",
      param: 'messages',
      code: 'missing_required_parameter',
    });
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/embeddings',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ model: 'gpt-17-ultra', input: 'hi' }),
    });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res.body)).toMatchObject({
      message: 'The model `gpt-17-ultra` does not exist or you do not have access to it.',
      code: 'model_not_found',
    });
  });
});
