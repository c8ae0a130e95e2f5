import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { buildApp } from '../../src/server/index.js';

describe('routes a user adds to the fastify app', () => {
  it('validate and serialize with schemas as in a plain fastify app (header keys case-insensitive)', async () => {
    // The door loads fastify's schema compilers only when a route needs them; they must behave as usual.
    const engine = buildEngine(undefined);
    const app = await buildApp({ engine });
    app.get(
      '/custom',
      {
        schema: {
          headers: {
            type: 'object',
            properties: { 'X-Team': { type: 'string', minLength: 3 } },
            required: ['X-Team'],
          },
          querystring: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
          response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
        },
      },
      async (request) => ({ n: (request.query as { n: number }).n, dropped: true }),
    );
    try {
      const ok = await app.inject({ method: 'GET', url: '/custom?n=7', headers: { 'x-team': 'blue' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ n: 7 });
      const missingHeader = await app.inject({ method: 'GET', url: '/custom?n=7' });
      expect(missingHeader.statusCode).not.toBe(200);
      const badQuery = await app.inject({ method: 'GET', url: '/custom?n=x', headers: { 'x-team': 'blue' } });
      expect(badQuery.statusCode).not.toBe(200);
      // The mock's own routes still answer next to them.
      expect((await app.inject({ method: 'GET', url: '/v1/models' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await engine.close();
    }
  });
});
