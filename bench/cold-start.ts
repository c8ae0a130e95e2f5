import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateSpec } from '../src/contract/index.js';
import { median, ratio, report } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The first request a user's process makes. Work moved to first use (validators compiled or read from the
 * on-disk cache, the tokenizer loaded), so the cheapest request alone would flatter: a chat completion and
 * a Responses call are what a test suite's first test sends.
 */
const FIRST_REQUESTS = [
  { name: 'GET /v1/models', path: '/models' },
  {
    name: 'POST /v1/chat/completions',
    path: '/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Name three uses for a paperclip' }] },
  },
  {
    name: 'POST /v1/responses',
    path: '/responses',
    body: { model: 'gpt-4o-mini', input: 'Name three uses for a paperclip' },
  },
] as const;
type FirstRequest = (typeof FIRST_REQUESTS)[number];

/** Time from spawning a process to the answer of its first request. */
async function coldStart(args: string[], first: FirstRequest, env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /(http:\/\/\S+\/v1)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  const res = await fetch(
    `${url}${first.path}`,
    'body' in first
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(first.body) }
      : {},
  );
  if (res.status !== 200) throw new Error(`cold start, ${first.name}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return elapsed;
}

export async function benchColdStart(runs = 5) {
  const spec = locateSpec().path;
  // A cache of its own, filled once below, so "with the cache" never depends on what ran before.
  const cacheDir = mkdtempSync(join(tmpdir(), 'openai-mock-bench-cache-'));
  const serve = ['dist/cli.js', 'serve', '--port', '0'];
  const variants: Array<[string, string[], NodeJS.ProcessEnv]> = [
    ['openai-mock, validator cache on disk', serve, { OPENAI_MOCK_CACHE_DIR: cacheDir }],
    ['openai-mock, validator cache off', serve, { OPENAI_MOCK_CACHE_DIR: 'off' }],
    ['bare fastify that only parses the document', ['bench/bare-server.mjs', spec], {}],
  ];
  try {
    for (const first of FIRST_REQUESTS) await coldStart(serve, first, { OPENAI_MOCK_CACHE_DIR: cacheDir });
    for (const first of FIRST_REQUESTS) {
      const times = variants.map(() => [] as number[]);
      for (let run = 0; run < runs; run++) {
        // A different variant goes first on each run, so that none always meets the machine in the same state.
        for (let k = 0; k < variants.length; k++) {
          const v = (run + k) % variants.length;
          const [, args, env] = variants[v]!;
          times[v]!.push(await coldStart(args, first, env));
        }
      }
      const bare = median(times[variants.length - 1]!);
      for (const [v, [name]] of variants.entries()) {
        const ms = median(times[v]!);
        const vsBare = v === variants.length - 1 ? '' : ` (${ratio(ms, bare)} of bare)`;
        report(`cold start to first ${first.name}, ${name} (median)`, `${ms.toFixed(0)} ms${vsBare}`);
      }
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
