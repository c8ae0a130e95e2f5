/**
 * Record/replay costs: loading a 1,000-interaction cassette, and replay throughput through the server and
 * through msw, each as a ratio to the simulator answering the same request in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { buildEngine } from '../src/compose.js';
import { loadContract } from '../src/contract/index.js';
import { type Cassette, type Interaction, writeCassette } from '../src/record/index.js';
import { startMockServer } from '../src/server/index.js';
import { createMswHandlers } from '../src/server/msw.js';
import { interleaved, ratio, report, requestsPerSecond } from './lib.js';

const request = (i: number) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: `question number ${i}` }],
});

function interaction(i: number): Interaction {
  const stream = i % 4 === 3;
  const chunk = (content: string, finish: string | null) => ({
    id: `chatcmpl-${i}`,
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: finish }],
  });
  return {
    request: {
      method: 'POST',
      path: '/v1/chat/completions',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: { json: { ...request(i), ...(stream && { stream: true }) } },
    },
    response: stream
      ? {
          status: 200,
          headers: {},
          body: {
            sse: [
              ...'an answer of a few words here'
                .split(' ')
                .map((w, j) => ({ ms: j * 20, data: chunk(` ${w}`, null) })),
              { ms: 200, data: chunk('', 'stop') },
              { ms: 201, data: '[DONE]' },
            ],
            end: 'done',
          },
        }
      : {
          status: 200,
          headers: { 'x-ratelimit-remaining-requests': '499' },
          body: {
            json: {
              id: `chatcmpl-${i}`,
              object: 'chat.completion',
              created: 1700000000,
              model: 'gpt-4o-mini',
              choices: [
                {
                  index: 0,
                  message: {
                    role: 'assistant',
                    content: `Answer ${i}: `.padEnd(400, 'lorem ipsum '),
                    refusal: null,
                  },
                  logprobs: null,
                  finish_reason: 'stop',
                },
              ],
              usage: { prompt_tokens: 12, completion_tokens: 90, total_tokens: 102 },
            },
          },
        },
  };
}

export async function benchReplay(duration = 3) {
  const dir = await mkdtemp(join(tmpdir(), 'openai-mock-bench-'));
  const contract = await loadContract();
  const cassette: Cassette = {
    version: 1,
    meta: { tool: 'openai-mock', toolVersion: 'bench', spec: null },
    interactions: Array.from({ length: 1000 }, (_, i) => interaction(i)),
  };
  await writeCassette(join(dir, 'big.json'), cassette);

  // Loading: read, check, parse and index, on a fresh engine each time (the first run warms the JIT).
  const loads: number[] = [];
  for (let i = 0; i < 6; i++) {
    const engine = buildEngine(contract, { features: { cassettes: { dir, env: {} } } });
    const t = performance.now();
    await engine.cassettes.use('big');
    loads.push(performance.now() - t);
  }
  const warm = loads.slice(1).sort((a, b) => a - b);
  report(
    'load a 1,000-interaction cassette (median, target < 100 ms)',
    `${warm[Math.floor(warm.length / 2)]!.toFixed(1)} ms (first ${loads[0]!.toFixed(1)} ms)`,
  );

  // Through the server: the recorded answers vs the simulator for the same requests (the JSON ones, in turn).
  const bodies = Array.from({ length: 1000 }, (_, i) => i)
    .filter((i) => i % 4 !== 3)
    .map((i) => JSON.stringify(request(i)));
  const replaying = await startMockServer({
    port: 0,
    contract,
    warn: () => {},
    features: { cassettes: { dir, cassette: 'big', env: {} } },
  });
  const simulating = await startMockServer({ port: 0, contract, warn: () => {} });
  const [replayed, simulated] = await interleaved(
    (seconds) =>
      requestsPerSecond(`${replaying.url}/chat/completions`, { duration: seconds, method: 'POST', bodies }),
    (seconds) =>
      requestsPerSecond(`${simulating.url}/chat/completions`, { duration: seconds, method: 'POST', bodies }),
    duration,
  );
  report(
    'server: POST /v1/chat/completions, replay vs simulator, req/s',
    `${replayed} vs ${simulated} (${ratio(replayed, simulated)})`,
  );
  await Promise.all([replaying.close(), simulating.close()]);

  // Through msw: in-process fetch, 10 at a time, same requests. Two engines behind one msw server, picked by host.
  const msw = setupServer(
    ...createMswHandlers({
      engine: buildEngine(contract, { features: { cassettes: { dir, cassette: 'big', env: {} } } }),
      baseURL: 'https://replay.bench',
    }),
    ...createMswHandlers({ engine: buildEngine(contract), baseURL: 'https://simulate.bench' }),
  );
  msw.listen();
  const [mswReplayed, mswSimulated] = await interleaved(
    (seconds) => fetchesPerSecond('https://replay.bench/v1/chat/completions', bodies, seconds),
    (seconds) => fetchesPerSecond('https://simulate.bench/v1/chat/completions', bodies, seconds),
    duration,
  );
  report(
    'msw: POST /v1/chat/completions, replay vs simulator, req/s',
    `${mswReplayed} vs ${mswSimulated} (${ratio(mswReplayed, mswSimulated)})`,
  );
  msw.close();
  await rm(dir, { recursive: true, force: true });
}

/** In-process fetch (what msw intercepts), 10 at a time. */
async function fetchesPerSecond(url: string, bodies: string[], seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let count = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const body = bodies[count % bodies.length]!;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
        body,
      });
      if (res.status !== 200) throw new Error(`bench: ${url} answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      count++;
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return Math.round(count / seconds);
}
