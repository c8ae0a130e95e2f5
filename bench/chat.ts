/**
 * Chat and embeddings throughput of the built server, each as a ratio to a bare fastify route that sends
 * the same bytes (the same JSON, or the same SSE events one write each), measured in this one run:
 * a non-streamed chat completion with one fixed body and with a different realistic prompt each time (a
 * fixed body keeps the per-word caches hot, which no user's traffic does), a streamed 500-token reply
 * (events/s), and 100 inputs × 1536 dims. The engine alone (no HTTP) shows fixed against varied most plainly.
 * Run: npm run bench -- chat
 */
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { compareWithBareReplay, engineMicros, post, type ReplayCase, report, variedPrompts } from './lib.js';

const chat = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

export async function benchChat(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { user: 'long stream' }, reply: { text: longText } });
  const fixed = chat('Summarise the benefits of unit tests');
  const varied = (await variedPrompts(20_000)).map(chat);
  const cases: ReplayCase[] = [
    { name: 'POST /v1/chat/completions, one fixed body', path: '/chat/completions', body: fixed },
    {
      name: 'POST /v1/chat/completions, varied prompts',
      path: '/chat/completions',
      body: varied[0],
      bodies: varied,
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
  // Prompts of another seed: none of them has been seen by this engine.
  const unseen = (await variedPrompts(3_500, 2)).map((p) => post('/chat/completions', chat(p)));
  const fixedUs = await engineMicros(mock.engine, [post('/chat/completions', fixed)]);
  const variedUs = await engineMicros(mock.engine, unseen);
  report(
    'engine alone, chat completion, fixed vs varied',
    `${fixedUs.toFixed(1)} vs ${variedUs.toFixed(1)} µs/request`,
  );
  await mock.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchChat();
