import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const run = (args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });

async function output(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

describe('openai-mock serve', () => {
  it('prints the base URL once it listens and closes cleanly on SIGTERM', async () => {
    const child = run(['serve', '--port', '0', '--seed', '7']);
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => resolve(d.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(line)?.[1];
    expect(url, line).toBeDefined();
    const res = await fetch(`${url}/models/gpt-4o`);
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it.each([
    [['serve', '--port', 'abc'], /--port must be a whole number/],
    [['serve', '--validate', 'loose'], /--validate must be one of: strict, warn, off/],
    [['serve', '--bogus'], /unknown option '--bogus'/],
  ])('exits 2 with a one-line reason for %j', async (args, message) => {
    const { code, stderr } = await output(run(args));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('exits 1 naming the path and the fix when the document is missing', async () => {
    const { code, stderr } = await output(run(['serve', '--port', '0', '--spec', '/nowhere/openapi.json']));
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/nowhere\/openapi\.json/);
    expect(stderr).toMatch(/openai-mock spec fetch/);
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await output(run(['serve', '--help']));
    expect(code).toBe(0);
    expect(stdout).toMatch(/--check-responses/);
  });
});
