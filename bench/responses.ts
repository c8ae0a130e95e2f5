/**
 * Responses API throughput of the built server, as a ratio to a bare fastify route that sends the same
 * bytes (the same JSON, or the same SSE events one write each), measured in this one run: a streamed
 * ~500-token response (events/s; stored, as by default) and a plain `POST /v1/responses`, with one fixed
 * input and with a different realistic prompt each time (a fixed input keeps the per-word caches hot, which
 * no user's traffic does). The engine alone (no HTTP) shows fixed against varied most plainly.
 * Run: npm run bench -- responses
 */
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { compareWithBareReplay, engineMicros, post, type ReplayCase, report, variedPrompts } from './lib.js';

const respond = (input: string) => ({ model: 'gpt-4o-mini', input });

export async function benchResponses(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { api: 'responses', user: 'long stream' }, reply: { text: longText } });
  const fixed = respond('Summarise the benefits of unit tests');
  const varied = (await variedPrompts(20_000)).map(respond);
  const cases: ReplayCase[] = [
    {
      name: 'streamed ~500-token response',
      stream: true,
      path: '/responses',
      body: { model: 'gpt-4o-mini', input: 'long stream', stream: true },
    },
    { name: 'POST /v1/responses, one fixed input', path: '/responses', body: fixed },
    { name: 'POST /v1/responses, varied prompts', path: '/responses', body: varied[0], bodies: varied },
  ];

  await compareWithBareReplay(mock.url, cases, duration);
  // Prompts of another seed: none of them has been seen by this engine.
  const unseen = (await variedPrompts(3_500, 2)).map((p) => post('/responses', respond(p)));
  const fixedUs = await engineMicros(mock.engine, [post('/responses', fixed)]);
  const variedUs = await engineMicros(mock.engine, unseen);
  report(
    'engine alone, Responses call, fixed vs varied',
    `${fixedUs.toFixed(1)} vs ${variedUs.toFixed(1)} µs/request`,
  );
  await mock.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResponses();
