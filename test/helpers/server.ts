import OpenAI from 'openai';
import { afterAll, afterEach, expect } from 'vitest';
import { type MockServer, type StartMockServerOptions, startMockServer } from '../../src/server/index.js';

/**
 * Starts a mock server on a free port for this test file, closes it afterwards, and after every test
 * fails when anything the server sent violated the OpenAPI document (response checks are on in tests).
 */
export async function useMockServer(
  options: StartMockServerOptions = {},
): Promise<MockServer & { client: OpenAI }> {
  const server = await startMockServer({ port: 0, checkResponses: true, warn: () => {}, ...options });
  afterEach(async () => {
    const violations = server.journal
      .entries()
      .flatMap((e) => e.validation.map((v) => ({ op: e.operationId, ...v })));
    await server.reset();
    expect(violations, 'responses must validate against the OpenAPI document').toEqual([]);
  });
  afterAll(() => server.close());
  const client = new OpenAI({ apiKey: 'sk-test-key', baseURL: server.url, maxRetries: 0 });
  return Object.assign(server, { client });
}
