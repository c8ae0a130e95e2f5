/**
 * Responses API throughput of the built server, as a ratio to a bare fastify route that sends the same
 * bytes (the same JSON, or the same SSE events one write each), measured in this one run: a streamed
 * ~500-token response (events/s; stored, as by default) and a plain `POST /v1/responses`.
 * Run: npm run bench -- responses
 */
import Fastify from 'fastify';
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { ratio, report, requestsPerSecond } from './lib.js';

interface Case {
  name: string;
  body: Record<string, unknown>;
  stream?: boolean;
}

export async function benchResponses(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { api: 'responses', user: 'long stream' }, reply: { text: longText } });
  const cases: Case[] = [
    {
      name: 'streamed ~500-token response',
      stream: true,
      body: { model: 'gpt-4o-mini', input: 'long stream', stream: true },
    },
    {
      name: 'POST /v1/responses',
      body: { model: 'gpt-4o-mini', input: 'Summarise the benefits of unit tests' },
    },
  ];

  const bare = Fastify();
  const replies: Array<{ text: string; events: string[] }> = [];
  for (const c of cases) {
    const res = await fetch(`${mock.url}/responses`, {
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
    const m = await requestsPerSecond(`${mock.url}/responses`, { duration, method: 'POST', body });
    if (c.stream) {
      const events = replies[i]!.events.length;
      report(
        `${c.name}: mock vs bare, events/s`,
        `${m * events} vs ${b * events} (${ratio(m, b)}; ${events} events)`,
      );
    } else {
      report(`${c.name}: mock vs bare, req/s`, `${m} vs ${b} (${ratio(m, b)})`);
    }
  }
  await Promise.all([mock.close(), bare.close()]);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchResponses();
