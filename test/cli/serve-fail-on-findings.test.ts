import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** Starts `serve --fail-on-findings`, lets `client` talk to it, stops it with SIGTERM; the exit code and stderr. */
async function serveWhile(client: (url: string) => Promise<void>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'serve', '--port', '0', '--fail-on-findings'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const found = /listening on (\S+\/v1)/.exec(d.toString())?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  await client(url);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return { code: code as number, stderr };
}

/** The same request twice, the second at once although the first got a 429 asking for 500 ms. */
async function retryAtOnce(url: string) {
  for (const fault of ['429; retry-after-ms=500', 'pass']) {
    const res = await fetch(`${url}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-fault': fault },
      body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }),
    });
    await res.arrayBuffer();
  }
}

describe('openai-mock serve --fail-on-findings', () => {
  it('exits 1 at shutdown and prints what the client did when anything was found', async () => {
    const { code, stderr } = await serveWhile(retryAtOnce);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^openai-mock: 1 finding about how the client retries:\n {2}early_retry: POST \/v1\/embeddings\n {4}your client retried \d+ ms after a 429 that asked for 500 ms/,
    );
  }, 60_000);

  it('exits 0 when nothing was found', async () => {
    const { code, stderr } = await serveWhile(async (url) => {
      await (await fetch(`${url}/models`)).arrayBuffer();
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});
