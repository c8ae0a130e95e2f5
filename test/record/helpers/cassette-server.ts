import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll } from 'vitest';
import type { CassetteOptions } from '../../../src/features/cassettes/index.js';
import { type MockServer, startMockServer } from '../../../src/server/index.js';
import { UPSTREAM_KEY } from './fake-upstream.js';

/** A temporary cassette folder, removed after the file's tests; call it where `afterAll` may be called. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'openai-mock-cassettes-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A mock server on a free port whose engine records or replays cassettes; the SDK client sends the upstream key. */
export async function cassetteServer(
  cassettes: CassetteOptions,
  extra: { seed?: number } = {},
): Promise<MockServer & { client: OpenAI }> {
  const server = await startMockServer({
    port: 0,
    warn: () => {},
    acceptAnyModel: true,
    checkResponses: true,
    ...extra,
    features: { cassettes: { env: { OPENAI_API_KEY: UPSTREAM_KEY }, ...cassettes } },
  });
  const client = new OpenAI({ apiKey: UPSTREAM_KEY, baseURL: server.url, maxRetries: 0 });
  return Object.assign(server, { client });
}

/** Reads a whole SDK stream into its chunks. */
export async function chunksOf<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}
