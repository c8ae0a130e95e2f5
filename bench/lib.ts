import autocannon from 'autocannon';

/** Requests per second for one URL, measured with autocannon (keep-alive, 10 connections). */
export async function requestsPerSecond(
  url: string,
  opts: { duration?: number; method?: string; body?: string } = {},
) {
  const result = await autocannon({
    url,
    connections: 10,
    // The load generator runs in its own thread so it does not share the server's event loop.
    workers: 1,
    duration: opts.duration ?? 3,
    method: (opts.method ?? 'GET') as 'GET',
    ...(opts.body !== undefined && { body: opts.body, headers: { 'content-type': 'application/json' } }),
  });
  if (result.non2xx || result.errors)
    throw new Error(`bench: ${url} answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  return Math.round(result.requests.average);
}

export function report(name: string, value: string) {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}

export const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

/** One POST to compare: its answer is recorded from the mock and served byte for byte by a bare route. */
export interface ReplayCase {
  name: string;
  path: string;
  body: unknown;
  /** Measure events/s rather than requests/s. */
  stream?: boolean;
}

/**
 * Records the mock's answer to each case, serves the same bytes from a bare fastify route (the same JSON, or
 * the same SSE events one write each), and reports mock vs bare side by side in this one run.
 */
export async function compareWithBareReplay(mockUrl: string, cases: readonly ReplayCase[], duration = 3) {
  const { default: Fastify } = await import('fastify');
  const bare = Fastify();
  const replies: Array<{ text: string; events: string[] }> = [];
  for (const c of cases) {
    const res = await fetch(`${mockUrl}${c.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c.body),
    });
    if (res.status !== 200) throw new Error(`${c.name}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    replies.push({ text, events: text.split(/(?<=\n\n)/) });
  }
  for (const [i, c] of cases.entries()) {
    const reply = replies[i]!;
    bare.post(`/bare${i}`, async (_req, res) => {
      if (!c.stream) return res.type('application/json').send(reply.text);
      res.hijack();
      res.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      for (const event of reply.events)
        if (!res.raw.write(event)) await new Promise((r) => res.raw.once('drain', r));
      res.raw.end();
    });
  }
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const address = bare.server.address();
  const bareOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  for (const [i, c] of cases.entries()) {
    const body = JSON.stringify(c.body);
    const b = await requestsPerSecond(`${bareOrigin}/bare${i}`, { duration, method: 'POST', body });
    const m = await requestsPerSecond(`${mockUrl}${c.path}`, { duration, method: 'POST', body });
    if (c.stream) {
      const events = replies[i]!.events.length;
      report(
        `${c.name}: mock vs bare, events/s`,
        `${m * events} vs ${b * events} (${ratio(m, b)}; ${events} events)`,
      );
    } else report(`${c.name}: mock vs bare, req/s`, `${m} vs ${b} (${ratio(m, b)})`);
  }
  await bare.close();
}
