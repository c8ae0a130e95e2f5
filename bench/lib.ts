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
