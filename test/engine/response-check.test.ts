import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { json } from '../../src/engine/index.js';
import { startMockServer } from '../../src/server/index.js';

const contract = await loadContract();
const listModels = { method: 'GET', path: '/v1/models', query: {}, headers: {} };

describe('the response self-check', () => {
  it('journals a response that violates the document, with a pointer to the field', async () => {
    const engine = buildEngine(contract, { checkResponses: true });
    engine.use('scripted', async () =>
      json({ object: 'list', data: [{ id: 'm', object: 'model', created: 'yesterday', owned_by: 'me' }] }),
    );
    const response = await engine.handle(listModels);
    expect(response.status).toBe(200);
    const [entry] = engine.journal.entries();
    expect(entry?.validation).toEqual([
      expect.objectContaining({ in: 'response', pointer: '/data/0/created' }),
    ]);
  });

  it('stays quiet when checks are off', async () => {
    const engine = buildEngine(contract, { checkResponses: false });
    engine.use('scripted', async () => json({ object: 'list', data: 'nope' }));
    await engine.handle(listModels);
    expect(engine.journal.entries()[0]?.validation).toEqual([]);
  });

  it('closes with await using', async () => {
    let url: string;
    {
      await using server = await startMockServer({ port: 0, contract });
      url = server.url;
      expect((await fetch(`${url}/models`)).status).toBe(200);
    }
    await expect(fetch(`${url}/models`)).rejects.toThrow();
  });
});
