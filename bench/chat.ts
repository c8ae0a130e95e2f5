/**
 * Chat and embeddings throughput of the built server, each as a ratio to a bare fastify route that sends
 * the same bytes (the same JSON, or the same SSE events one write each), measured in this one run:
 * a non-streamed chat completion, a streamed 500-token reply (events/s), and 100 inputs × 1536 dims.
 * Run: npm run bench -- chat
 */
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { compareWithBareReplay, type ReplayCase } from './lib.js';

export async function benchChat(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { user: 'long stream' }, reply: { text: longText } });
  const cases: ReplayCase[] = [
    {
      name: 'POST /v1/chat/completions',
      path: '/chat/completions',
      body: {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Summarise the benefits of unit tests' }],
      },
    },
    {
      name: 'streamed ~500-token reply',
      path: '/chat/completions',
      stream: true,
      body: {
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'long stream' }],
      },
    },
    {
      name: 'POST /v1/embeddings, 100 inputs x 1536 (float)',
      path: '/embeddings',
      body: {
        model: 'text-embedding-3-small',
        encoding_format: 'float',
        input: Array.from(
          { length: 100 },
          (_, i) =>
            `Document ${i}: ${generateReply({ prompt: `topic ${i}`, random: createRandom(i), targetTokens: 40 })}`,
        ),
      },
    },
  ];

  await compareWithBareReplay(mock.url, cases, duration);
  await mock.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChat();
