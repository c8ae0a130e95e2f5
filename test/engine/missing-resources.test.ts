import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';

const contract = await loadContract();
const get = (path: string) => ({ method: 'GET', path, query: {}, headers: {} });

describe('ids a simulator never created', () => {
  it('get the real 404 by default', async () => {
    const engine = buildEngine(contract);
    const response = await engine.handle(get('/v1/models/my-custom-model'));
    expect(response.status).toBe(404);
  });

  it('are answered from the schema with missingResources: generate, echoing the id', async () => {
    const engine = buildEngine(contract, { missingResources: 'generate', checkResponses: true });
    const response = await engine.handle(get('/v1/models/my-custom-model'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'json', value: { id: 'my-custom-model', object: 'model' } });
    expect(engine.journal.entries()[0]?.validation).toEqual([]);
  });
});
