/**
 * Responses API throughput of the built server, as a ratio to a bare fastify route that sends the same
 * bytes (the same JSON, or the same SSE events one write each), measured in this one run: a streamed
 * ~500-token response (events/s; stored, as by default) and a plain `POST /v1/responses`.
 * Run: npm run bench -- responses
 */
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { compareWithBareReplay, type ReplayCase } from './lib.js';

export async function benchResponses(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { api: 'responses', user: 'long stream' }, reply: { text: longText } });
  const cases: ReplayCase[] = [
    {
      name: 'streamed ~500-token response',
      stream: true,
      path: '/responses',
      body: { model: 'gpt-4o-mini', input: 'long stream', stream: true },
    },
    {
      name: 'POST /v1/responses',
      path: '/responses',
      body: { model: 'gpt-4o-mini', input: 'Summarise the benefits of unit tests' },
    },
  ];

  await compareWithBareReplay(mock.url, cases, duration);
  await mock.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResponses();
