import Fastify from 'fastify';
import type { Engine } from '../src/compose.js';
import type { MockRequest } from '../src/engine/index.js';
import type { FaultMatchInput } from '../src/features/faults/index.js';
import { startMockServer } from '../src/server/index.js';
import { interleaved, ratio, report, requestsPerSecond } from './lib.js';

/**
 * What fault injection and rate limiting cost a request that they let through: embeddings with no
 * rules, with 50 rules that do not match, and with rate limits on (tokens counted by the real tokenizer),
 * against a bare fastify route returning the same bytes, in one run. Also the engine alone (no HTTP), where
 * the per-request overhead shows most plainly.
 */
export async function benchFaults(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, warn: () => {}, journalLimit: 1_000 });
  const engine = mock.engine;
  // Embeddings rather than chat: a fixed chat body repeated thousands of times exhausts its seeded ids.
  const body = JSON.stringify({
    model: 'text-embedding-3-small',
    input: 'Summarise the plot of Hamlet in one line.',
    dimensions: 8,
  });
  const url = `${mock.url}/embeddings`;
  const request: MockRequest = {
    method: 'POST',
    path: '/v1/embeddings',
    query: {},
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: JSON.parse(body),
  };

  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`bench: embeddings answered ${res.status}`);
  const bytes = await res.text();
  const bare = Fastify();
  bare.post('/v1/embeddings', async (_req, reply) => reply.type('application/json').send(bytes));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const address = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/embeddings`;

  // Each row starts from no rules and no limits: it measures what its name says, and nothing left by the row before.
  const setups: Array<[string, () => void]> = [
    ['no faults, no rate limits', () => {}],
    ['50 fault rules that do not match', () => addMissingRules(engine, 50)],
    ['rate limits on (per key, RPM + TPM)', () => engine.rateLimits.configure({ rpm: 1e9, tpm: 1e12 })],
  ];
  let base = 0;
  for (const [name, setup] of setups) {
    engine.faults.clear();
    engine.rateLimits.configure(false);
    setup();
    const direct = await perRequestMicros(engine, request);
    const [m, b] = await interleaved(
      (seconds) => requestsPerSecond(url, { duration: seconds, method: 'POST', body }),
      (seconds) => requestsPerSecond(bareUrl, { duration: seconds, method: 'POST', body }),
      duration,
    );
    base ||= m;
    report(
      `mock vs bare, ${name}, req/s`,
      `${m} vs ${b} (${ratio(m, b)} of bare; ${ratio(m, base)} of the no-faults row)`,
    );
    report(`  engine alone, ${name}`, `${direct.toFixed(1)} µs/request`);
  }
  await Promise.all([mock.close(), bare.close()]);
}

function addMissingRules(engine: Engine, count: number) {
  for (let i = 0; i < count; i++) {
    const match: FaultMatchInput = [
      { path: `/files/${i}` },
      { model: `nope-${i}` },
      { header: `x-never-${i}` },
      { method: 'DELETE' },
    ][i % 4]!;
    engine.faults.add({ status: 500, match });
  }
}

async function perRequestMicros(engine: Engine, request: MockRequest, n = 5_000) {
  for (let i = 0; i < 1_000; i++) await engine.handle(request);
  const started = performance.now();
  for (let i = 0; i < n; i++) await engine.handle(request);
  return ((performance.now() - started) * 1000) / n;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchFaults(Number(process.argv[2] ?? 3));
