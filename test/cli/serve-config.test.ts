import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'openai-mock-cli-'));

/** Starts `serve` with the given flags, runs `check` against its base URL, then stops it. */
async function withServe(args: string[], check: (url: string) => Promise<void>) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    await check(url);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

async function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stderr };
}

describe('openai-mock serve with files', () => {
  it('adds the models of --models to the catalog', async () => {
    const file = join(dir, 'models.yaml');
    writeFileSync(file, '- id: acme-chat-1\n  kind: chat\n  context_window: 32000\n');
    await withServe(['--models', file], async (url) => {
      const res = await fetch(`${url}/models/acme-chat-1`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: 'acme-chat-1', object: 'model' });
    });
  });

  it('reads options from --config, with flags winning', async () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ requireApiKey: 'sk-from-config', validation: 'off' }));
    await withServe(['--config', file, '--validate', 'strict'], async (url) => {
      expect((await fetch(`${url}/models`)).status).toBe(401);
      const invalid = await fetch(`${url}/embeddings`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-from-config', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small' }),
      });
      expect(invalid.status).toBe(400);
      expect(
        (await fetch(`${url}/models`, { headers: { authorization: 'Bearer sk-from-config' } })).status,
      ).toBe(200);
    });
  });

  it('names the file and the problem when --models is malformed', async () => {
    const file = join(dir, 'bad-models.json');
    writeFileSync(file, JSON.stringify([{ id: 'x', context_window: -3 }]));
    const { code, stderr } = await run(['--models', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/context_window" must be a positive integer/);
  });

  it('names the file when --config is not valid JSON', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "seed": ');
    const { code, stderr } = await run(['--config', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/config file .*broken\.json is not valid JSON/);
  });
});
