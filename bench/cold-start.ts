import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { locateSpec } from '../src/contract/index.js';
import { ratio, report } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Time from spawning a process to its first answered `GET /v1/models`. */
async function coldStart(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /(http:\/\/\S+\/v1)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  const res = await fetch(`${url}/models`);
  if (res.status !== 200) throw new Error(`cold start: ${res.status}`);
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  return elapsed;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchColdStart(runs = 5) {
  const spec = locateSpec().path;
  const mock: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < runs; i++) {
    mock.push(await coldStart(['dist/cli.js', 'serve', '--port', '0']));
    bare.push(await coldStart(['bench/bare-server.mjs', spec]));
  }
  report('cold start to first request, openai-mock (median)', `${median(mock).toFixed(0)} ms`);
  report(
    'cold start, bare fastify that only parses the document',
    `${median(bare).toFixed(0)} ms (mock/bare ${ratio(median(mock), median(bare))})`,
  );
}
