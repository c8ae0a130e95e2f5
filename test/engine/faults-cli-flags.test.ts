import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const serve = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('openai-mock serve fault and rate-limit flags', () => {
  it('loads rules from --faults, a chaos rate from --chaos and limits from --rate-limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openai-mock-faults-'));
    const file = join(dir, 'faults.yaml');
    writeFileSync(file, '- match: { path: /models/gpt-4o }\n  status: 503\n  times: 1\n');
    const child = serve(['--faults', file, '--chaos', '0', '--rate-limit', '1:5000']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /(http:\/\/\S+\/v1)/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      expect((await fetch(`${url}/models/gpt-4o`)).status).toBe(503);
      expect((await fetch(`${url}/models/gpt-4o`)).status).toBe(200);
      const rules = (await (await fetch(`${url.replace(/\/v1$/, '')}/__mock/faults`)).json()) as {
        rules: Array<{ id: string; rate: number }>;
      };
      expect(rules.rules.map((r) => [r.id, r.rate])).toEqual([
        ['fault_1', 1],
        ['chaos', 0],
      ]);
      const post = () =>
        fetch(`${url}/embeddings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }),
        });
      const first = await post();
      expect([
        first.status,
        first.headers.get('x-ratelimit-limit-requests'),
        first.headers.get('x-ratelimit-limit-tokens'),
      ]).toEqual([200, '1', '5000']);
      expect((await post()).status).toBe(429);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('exits 2 with a one-line reason for a bad --rate-limit', async () => {
    const child = serve(['--rate-limit', 'fast']);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--rate-limit must be RPM\[:TPM\]/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
