/**
 * Operations no simulator owns, answered by the generic resource layer: a create (sampled from the success
 * schema, with the request's fields carried over, stored) as a ratio to a bare fastify route that sends the
 * same bytes, measured in this one run.
 * Run: npm run bench -- generic
 */
import { startMockServer } from '../dist/server/index.js';
import { compareWithBareReplay, type ReplayCase } from './lib.js';

export async function benchGeneric(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const cases: ReplayCase[] = [
    {
      name: 'POST /v1/assistants (generic create)',
      path: '/assistants',
      body: { model: 'gpt-4o', name: 'Math tutor', instructions: 'You are a personal math tutor.' },
    },
    {
      name: 'POST /v1/vector_stores (generic create)',
      path: '/vector_stores',
      body: { name: 'Support FAQ', metadata: { team: 'support' } },
    },
  ];
  await compareWithBareReplay(mock.url, cases, duration);
  await mock.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGeneric();
