import autocannon from 'autocannon';
import type { MockRequest } from '../src/engine/index.js';

/**
 * Requests per second for one URL, measured with autocannon (keep-alive, 10 connections). With several
 * `bodies`, requests take them in turn, so caches keyed by what a request says stay as cold as a user's
 * varied traffic leaves them.
 */
export async function requestsPerSecond(
  url: string,
  opts: { duration?: number; method?: string; body?: string; bodies?: readonly string[] } = {},
) {
  const bodies = opts.bodies ?? (opts.body === undefined ? undefined : [opts.body]);
  const method = (opts.method ?? 'GET') as 'GET';
  const headers = { 'content-type': 'application/json' };
  const varied = bodies !== undefined && bodies.length > 1;
  let next = 0;
  const result = await autocannon({
    url,
    connections: 10,
    // The load generator runs in its own thread so it does not share the server's event loop; varied
    // bodies need one counter shared by all connections (each would otherwise walk the list from its
    // start, and all but the first would find warm caches), which only runs in this thread.
    workers: varied ? 0 : 1,
    duration: opts.duration ?? 3,
    method,
    ...(bodies && {
      headers,
      ...(varied
        ? {
            requests: [
              { method, setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) },
            ],
          }
        : { body: bodies[0] }),
    }),
  });
  if (result.non2xx || result.errors)
    throw new Error(`bench: ${url} answered ${result.non2xx} non-2xx and ${result.errors} errors`);
  return Math.round(result.requests.average);
}

/**
 * A against B in alternating slices after a warm-up of each, medians kept: on a busy machine, load that
 * comes and goes then hits both sides alike, and neither side always runs first.
 */
export async function interleaved(
  a: (seconds: number) => Promise<number>,
  b: (seconds: number) => Promise<number>,
  duration: number,
  rounds = 5,
): Promise<[number, number]> {
  await a(0.5);
  await b(0.5);
  const as: number[] = [];
  const bs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // B first on odd rounds, so that neither side always follows the other.
    if (round % 2) bs.push(await b(duration / rounds));
    as.push(await a(duration / rounds));
    if (!(round % 2)) bs.push(await b(duration / rounds));
  }
  return [median(as), median(bs)];
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export function report(name: string, value: string) {
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
}

export const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

/** One POST to compare: its answer is recorded from the mock and served byte for byte by a bare route. */
export interface ReplayCase {
  name: string;
  path: string;
  body: unknown;
  /** Bodies sent in turn to the mock instead of `body` alone (the bare route replays the answer to the first). */
  bodies?: readonly unknown[];
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
      body: JSON.stringify(c.bodies?.[0] ?? c.body),
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
    const bodies = (c.bodies ?? [c.body]).map((b) => JSON.stringify(b));
    const [m, b] = await interleaved(
      (seconds) => requestsPerSecond(`${mockUrl}${c.path}`, { duration: seconds, method: 'POST', bodies }),
      (seconds) => requestsPerSecond(`${bareOrigin}/bare${i}`, { duration: seconds, method: 'POST', bodies }),
      duration,
    );
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

/**
 * `count` different prompts of the kinds users send (questions, requests with names, places and products,
 * pasted text), seeded: a benchmark that repeats one body keeps every per-word cache hot, which no user does.
 */
export async function variedPrompts(count: number, seed = 1): Promise<string[]> {
  const { Faker, base, en } = await import('@faker-js/faker');
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  const kinds = [
    () => `Write a product description for ${f.commerce.productName()}: ${f.commerce.productDescription()}`,
    () =>
      `${f.person.firstName()} asks: how do I ${f.hacker.verb()} the ${f.hacker.adjective()} ${f.hacker.noun()} before ${f.date.weekday()}?`,
    () => `Summarise this support ticket in one line. ${f.hacker.phrase()} ${f.hacker.phrase()}`,
    () =>
      `Plan a ${f.number.int({ min: 2, max: 9 })}-day trip to ${f.location.city()}, ${f.location.country()}, for someone who likes ${f.word.noun()} and ${f.music.genre()}.`,
    () => `Explain "${f.company.catchPhrase()}" to a new employee at ${f.company.name()}.`,
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!());
}

/** Microseconds per request through the engine alone (no HTTP), cycling through `requests`. */
export async function engineMicros(
  engine: { handle(request: MockRequest): Promise<unknown> },
  requests: readonly MockRequest[],
  n = 3_000,
): Promise<number> {
  for (let i = 0; i < Math.min(n, 500); i++) await engine.handle(requests[i % requests.length]!);
  const started = performance.now();
  for (let i = 0; i < n; i++) await engine.handle(requests[i % requests.length]!);
  return ((performance.now() - started) * 1000) / n;
}

/** A JSON POST as the engine takes it. */
export const post = (path: string, body: unknown): MockRequest => ({
  method: 'POST',
  path: `/v1${path}`,
  query: {},
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
  body,
});
