import Fastify from 'fastify';
import { startMockServer } from '../dist/server/index.js';
import { interleaved, ratio, report, requestsPerSecond } from './lib.js';

/** Requests/s of the mock's routes against a bare fastify route returning the same bytes, in one run, alternating. */
export async function benchThroughput(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, warn: () => {} });
  const cases = [
    { name: 'GET /v1/models', path: '/models' },
    { name: 'GET /v1/assistants/{id} (generic responder)', path: '/assistants/asst_bench' },
  ];
  const bare = Fastify();
  const bodies = new Map<string, string>();
  for (const c of cases) {
    const res = await fetch(`${mock.url}${c.path}`);
    if (res.status !== 200) throw new Error(`${c.name}: ${res.status}`);
    bodies.set(c.path, await res.text());
    bare.get(`/v1${c.path}`, async (_req, reply) => reply.type('application/json').send(bodies.get(c.path)));
  }
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/v1`;
  for (const c of cases) {
    const [m, b] = await interleaved(
      (seconds) => requestsPerSecond(`${mock.url}${c.path}`, { duration: seconds }),
      (seconds) => requestsPerSecond(`${bareUrl}${c.path}`, { duration: seconds }),
      duration,
    );
    report(`${c.name}: mock vs bare fastify, req/s`, `${m} vs ${b} (${ratio(m, b)})`);
  }
  await Promise.all([mock.close(), bare.close()]);
}
