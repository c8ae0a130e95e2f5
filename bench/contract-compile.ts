/**
 * `node --import tsx bench/contract-compile.ts`: what the OpenAPI document costs — load (read, parse,
 * normalize, index), the first compile of the big validators with and without the standalone cache,
 * and compiling everything. Each first-compile figure comes from a fresh contract, so no shared refs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContract, loadContract, locateSpec } from '../src/contract/index.js';

const BIG = ['CreateResponse', 'CreateChatCompletionRequest', 'ResponseStreamEvent', 'Response'];

const line = (name: string, value: string) => process.stdout.write(`${name.padEnd(58)} ${value}\n`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

export async function benchContractCompile(): Promise<void> {
  const started = performance.now();
  const loaded = await loadContract({ cacheDir: false });
  const loadMs = performance.now() - started;
  const { parseMs, normalizeMs, indexMs } = loaded.stats;
  line('load (read + parse + normalize + index)', ms(loadMs));
  line('  parse / normalize / index', `${ms(parseMs)} / ${ms(normalizeMs)} / ${ms(indexMs)}`);

  const text = readFileSync(locateSpec().path, 'utf8');
  const hash = loaded.hash;
  for (const name of BIG) {
    const fresh = createContract(JSON.parse(text), { hash, cacheDir: false });
    const [, compileMs] = time(() => fresh.validateSchema(`/components/schemas/${name}`, {}));
    line(`first compile ${name} (no cache)`, ms(compileMs));
  }

  const cacheDir = mkdtempSync(join(tmpdir(), 'openai-mock-bench-'));
  try {
    for (const name of BIG) {
      const writer = createContract(JSON.parse(text), { hash, cacheDir });
      const [, writeMs] = time(() => writer.validateSchema(`/components/schemas/${name}`, {}));
      const reader = createContract(JSON.parse(text), { hash, cacheDir });
      const [, readMs] = time(() => reader.validateSchema(`/components/schemas/${name}`, {}));
      line(`${name}: compile + store / load from cache`, `${ms(writeMs)} / ${ms(readMs)}`);
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }

  const all = createContract(JSON.parse(text), { hash, cacheDir: false });
  const report = all.compileAll();
  line(
    `compile all ${report.count} schemas (fresh contract)`,
    `${ms(report.ms)}, ${report.failures.length} failures`,
  );

  const chat = loaded.operationById('createChatCompletion')!;
  const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], temperature: 0.5 };
  loaded.validateRequest(chat, { body, query: {}, params: {} });
  const runs = 100_000;
  const [, validMs] = time(() => {
    for (let i = 0; i < runs; i++) loaded.validateRequest(chat, { body, query: {}, params: {} });
  });
  line('validateRequest, valid chat request', `${((validMs * 1000) / runs).toFixed(2)} µs`);
  const [, matchMs] = time(() => {
    for (let i = 0; i < runs; i++) loaded.match('GET', '/v1/threads/t_1/runs/r_1/steps/s_1');
  });
  line('match, 4-parameter path', `${((matchMs * 1000) / runs).toFixed(2)} µs`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchContractCompile();
