import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createRandom, sampleSchema } from '../../src/fixtures/index.js';

const contract = await loadContract();

/**
 * Bodies drawn from the document's CreateResponse schema reach corners no hand-written case does (odd
 * tools, item types, formats). Whatever they ask, the answer is a document-valid response or stream, or an
 * OpenAI-shaped 4xx, never a crash.
 */
describe('createResponse with bodies sampled from the document', () => {
  it('answers every one valid, or with a 4xx error body', async () => {
    const engine = buildEngine(contract, {
      seed: 3,
      checkResponses: true,
      features: { responses: { backgroundQueuedMs: 0, backgroundRunMs: 0 } },
    });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 80; i++) {
      const body = sampleSchema(
        { $ref: '#/components/schemas/CreateResponse' },
        {
          random: createRandom(`body:${i}`),
          resolveRef: (r) => contract.resolveRef(r),
          optionalProbability: i % 2 ? 0.7 : 0.3,
          maxDepth: 4,
        },
      ) as Record<string, any>;
      // Keep what needs state (chains, conversations) or a known model out; the rest stays as drawn.
      delete body['previous_response_id'];
      delete body['conversation'];
      body['model'] = i % 2 ? 'gpt-4o' : 'o4-mini';
      body['stream'] = i % 3 === 0;
      const before = engine.journal.entries().length;
      const response = await engine.handle({
        method: 'POST',
        path: '/v1/responses',
        query: {},
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (response.body.kind === 'sse') for await (const _ of response.body.events);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const entry = engine.journal.entries()[before]!;
      const error =
        response.body.kind === 'json'
          ? (response.body.value as { error?: { message?: unknown } }).error
          : undefined;
      if (
        response.status >= 500 ||
        entry.validation.length ||
        (response.status >= 400 && typeof error?.message !== 'string')
      )
        failures.push(
          `${i}: ${response.status} ${JSON.stringify(response.body.kind === 'json' ? response.body.value : '').slice(0, 200)} ${JSON.stringify(entry.validation.slice(0, 2))}`,
        );
    }
    expect(failures).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(20);
    await engine.close();
  });
});
