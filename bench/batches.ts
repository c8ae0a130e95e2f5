import OpenAI, { toFile } from 'openai';
import { startMockServer } from '../src/server/index.js';
import { ratio, report } from './lib.js';

/**
 * A 10,000-line chat batch at the fastest pace (`speed: 'instant'`, real clock): time from `batches.create`
 * to `completed` as a polling client sees it, and peak memory while it runs. For scale, the same 10,000
 * requests are first sent one by one to the engine directly (no batch machinery) in the same run.
 */
export async function benchBatches(lines = 10_000) {
  const server = await startMockServer({
    port: 0,
    seed: 1,
    warn: () => {},
    features: { batches: { speed: 'instant' } },
  });
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: server.url, maxRetries: 0 });
  const body = (i: number) => ({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Summarise item ${i} in one line.` }],
    max_tokens: 64,
  });

  // Warm up (validators compile and the JIT settles on first use), so neither side pays for it.
  for (let i = 0; i < 2_000; i++)
    await server.engine.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      query: {},
      headers: {},
      body: body(-i - 1),
    });
  let started = performance.now();
  for (let i = 0; i < lines; i++)
    await server.engine.handle({
      method: 'POST',
      path: '/v1/chat/completions',
      query: {},
      headers: {},
      body: body(i),
    });
  const directMs = performance.now() - started;

  const text = Array.from({ length: lines }, (_, i) =>
    JSON.stringify({ custom_id: `item-${i}`, method: 'POST', url: '/v1/chat/completions', body: body(i) }),
  ).join('\n');
  const input = await client.files.create({
    file: await toFile(Buffer.from(text), 'bench.jsonl'),
    purpose: 'batch',
  });
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);

  started = performance.now();
  const created = await client.batches.create({
    input_file_id: input.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
  let batch = created;
  while (batch.status !== 'completed') {
    if (['failed', 'expired', 'cancelled'].includes(batch.status))
      throw new Error(`bench: batch ended ${batch.status}`);
    await new Promise((r) => setTimeout(r, 20));
    batch = await client.batches.retrieve(created.id);
  }
  const batchMs = performance.now() - started;
  clearInterval(sampler);
  const output = await (await client.files.content(batch.output_file_id!)).arrayBuffer();
  if (batch.request_counts?.completed !== lines)
    throw new Error(`bench: ${batch.request_counts?.completed} of ${lines} lines completed`);

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  report(
    `${lines}-line chat batch, create → completed (instant pace)`,
    `${(batchMs / 1000).toFixed(2)} s (${Math.round((lines / batchMs) * 1000)} lines/s)`,
  );
  report(
    `same ${lines} requests sent straight to the engine`,
    `${(directMs / 1000).toFixed(2)} s (batch runs at ${ratio(directMs, batchMs)} of that speed)`,
  );
  report(
    'peak memory during the batch (rss / heap, above start)',
    `${mb(peakRss - baseline.rss)} / ${mb(peakHeap - baseline.heapUsed)}`,
  );
  report('input file / output file', `${mb(input.bytes)} / ${mb(output.byteLength)}`);
  await server.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBatches(Number(process.argv[2] ?? 10_000));
