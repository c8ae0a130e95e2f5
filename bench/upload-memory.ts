/**
 * Memory of a 200 MB upload through the client core (`files.create`): streamed from a path
 * (`fileFromPath`, a file-backed Blob), streamed from a re-openable stream (`fileFromStream`), and, for
 * comparison, read whole into memory first (what `toFile` of a buffer does). Each case runs in a fresh
 * process against a sink server that discards the bytes as they arrive, and reports the peak growth of the
 * memory the process holds (JS heap + ArrayBuffers, sampled every second right after a forced garbage
 * collection, so garbage awaiting collection is not counted) over its baseline, and the throughput.
 * Run: npm run bench -- upload-memory   (UPLOAD_MB=50 for a quicker run)
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileFromPath, fileFromStream, OpenAIClient } from '../src/client/index.js';
import { ratio, report } from './lib.js';

const CASES = ['fileFromPath', 'fileFromStream', 'buffered'] as const;
type Case = (typeof CASES)[number];

export async function benchUploadMemory() {
  const megabytes = Number(process.env['UPLOAD_MB'] ?? 200);
  const path = join(tmpdir(), `openai-mock-upload-${process.pid}.jsonl`);
  const file = await open(path, 'w');
  const line = `${JSON.stringify({ custom_id: 'x', pad: 'y'.repeat(1000) })}\n`;
  const chunk = Buffer.from(line.repeat(Math.floor((1 << 20) / line.length)));
  let written = 0;
  while (written < megabytes * (1 << 20)) written += (await file.write(chunk)).bytesWritten;
  await file.close();
  const results: Record<string, { peakMB: number; mbps: number }> = {};
  try {
    for (const name of CASES) results[name] = await runChild(name, path);
  } finally {
    await rm(path, { force: true });
  }
  const size = `${(written / (1 << 20)).toFixed(0)} MB`;
  for (const name of CASES) {
    const r = results[name] as { peakMB: number; mbps: number };
    report(
      `${size} upload, ${name}: peak live memory growth`,
      `${r.peakMB.toFixed(1)} MB (${r.mbps.toFixed(0)} MB/s)`,
    );
  }
  const buffered = results['buffered'] as { peakMB: number };
  for (const name of ['fileFromPath', 'fileFromStream'] as const) {
    report(
      `${name} memory as a share of buffered`,
      ratio((results[name] as { peakMB: number }).peakMB, buffered.peakMB),
    );
  }
}

function runChild(name: Case, path: string): Promise<{ peakMB: number; mbps: number }> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, name, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string))
        : reject(new Error(`${name} exited ${code}`)),
    );
  });
}

/** In the child: one upload, measured. */
async function measure(name: Case, path: string) {
  let received = 0;
  const sink = createServer((req, res) => {
    req.on('data', (d: Buffer) => {
      received += d.length;
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'file-1',
          object: 'file',
          bytes: received,
          filename: 'big.jsonl',
          purpose: 'batch',
          created_at: 0,
        }),
      );
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const client = new OpenAIClient({
    apiKey: 'sk-bench',
    baseURL: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1`,
    maxRetries: 0,
  });
  // Warm up fetch and the client on a tiny upload so their own memory is in the baseline.
  await client.files.create({ file: new File(['{}\n'], 'w.jsonl'), purpose: 'batch' });
  // Live memory, not garbage waiting for a collection: collect, then count the JS heap and the buffers
  // (RSS is not used: the allocator keeps freed pages, so it only ever shows the high-water mark).
  const live = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = live();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, live());
  }, 1000);
  const started = performance.now();
  const file =
    name === 'fileFromPath'
      ? fileFromPath(path)
      : name === 'fileFromStream'
        ? fileFromStream(() => createReadStream(path), 'big.jsonl')
        : new File([await readFile(path)], 'big.jsonl');
  const created = await client.files.create({ file, purpose: 'batch' });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sink.close();
  process.stdout.write(
    `${JSON.stringify({ peakMB: (peak - baseline) / (1 << 20), mbps: created.bytes / (1 << 20) / seconds })}\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url) && CASES.includes(process.argv[2] as Case)) {
  await measure(process.argv[2] as Case, process.argv[3] as string);
}
