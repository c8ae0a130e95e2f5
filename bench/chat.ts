/**
 * Chat and embeddings throughput of the built server, each as a ratio to a bare fastify route that sends
 * the same bytes (the same JSON, or the same SSE events one write each), measured in this one run:
 * a non-streamed chat completion, a streamed 500-token reply (events/s), and 100 inputs × 1536 dims.
 * Run: npm run bench -- chat
 */
import Fastify from 'fastify';
import { createRandom, generateReply } from '../dist/fixtures/index.js';
import { startMockServer } from '../dist/server/index.js';
import { ratio, report, requestsPerSecond } from './lib.js';

interface Case {
  name: string;
  path: string;
  body: unknown;
  /** Measure events/s rather than requests/s. */
  stream?: boolean;
}

export async function benchChat(duration = 3) {
  const mock = await startMockServer({ port: 0, seed: 1, checkResponses: false, warn: () => {} });
  const longText = generateReply({ prompt: 'benchmark', random: createRandom('bench'), targetTokens: 500 });
  mock.engine.fixtures.add({ match: { user: 'long stream' }, reply: { text: longText } });
  const cases: Case[] = [
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

  const bare = Fastify();
  const replies = new Map<Case, { text: string; events: string[] }>();
  for (const c of cases) {
    const res = await fetch(`${mock.url}${c.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c.body),
    });
    if (res.status !== 200) throw new Error(`${c.name}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    replies.set(c, { text, events: text.split(/(?<=\n\n)/) });
  }
  let n = 0;
  for (const c of cases) {
    const reply = replies.get(c)!;
    bare.post(`/bare${n++}`, async (_req, res) => {
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
    const m = await requestsPerSecond(`${mock.url}${c.path}`, { duration, method: 'POST', body });
    if (c.stream) {
      const events = replies.get(c)!.events.length;
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

if (import.meta.url === `file://${process.argv[1]}`) await benchChat();
