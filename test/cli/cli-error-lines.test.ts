import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'openai-mock-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPENAI_MOCK_SPEC: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

/** Spawning the bin under tsx takes seconds on a loaded machine. */
const SLOW = 60_000;

describe('the error lines of the bin: one line, named once, with the fix that applies', () => {
  it('suggests the command a typo meant', { timeout: SLOW }, async () => {
    const { code, stderr } = await run(['srve']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "openai-mock: unknown command 'srve' (did you mean 'serve'?); commands: serve, record, replay, validate, spec (see --help)\n",
    );
  });

  it('prints the version', { timeout: SLOW }, async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    );
  });

  it('says a --spec path does not exist without suggesting --spec, and names the prefix once', {
    timeout: SLOW,
  }, async () => {
    const { code, stderr } = await run(['serve', '--port', '0', '--spec', '/nope.json']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'openai-mock: no OpenAPI document at /nope.json (given by --spec). Check the path or URL, or leave --spec out to use the copy `npx openai-mock spec fetch` keeps in your cache.\n',
    );
  });

  it('fails on OPENAI_MOCK_SPEC naming nothing, as the flag does', { timeout: SLOW }, async () => {
    const { code, stderr } = await run(['serve', '--port', '0'], { OPENAI_MOCK_SPEC: '/nope.json' });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^openai-mock: no OpenAPI document at \/nope\.json \(given by OPENAI_MOCK_SPEC\)\./,
    );
  });

  it('hints --port 0 when the port is taken', { timeout: SLOW }, async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as { port: number }).port;
    try {
      const { code, stderr } = await run(['serve', '--port', String(port)]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `openai-mock: port ${port} on 127.0.0.1 is in use: stop what holds it, or pass --port 0 to pick a free port.\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('names the faults file and the line of the bad rule', { timeout: SLOW }, async () => {
    const file = join(dir, 'faults.yaml');
    writeFileSync(file, 'rules:\n  - status: 429\n    times: 2\n  - status: 503\n    tims: 1\n');
    const { code, stderr } = await run(['serve', '--port', '0', '--faults', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^openai-mock: faults file ${file}, line 4 \\(rule 2\\): unknown field 'tims'`),
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('shows the YAML mistake with its line', { timeout: SLOW }, async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'rules:\n  - status: 429\n    times: [2\n');
    const { code, stderr } = await run(['serve', '--port', '0', '--faults', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^openai-mock: faults file ${file} is not valid YAML at line \\d, column \\d+: .+\\S\\n$`),
    );
    expect(stderr).not.toMatch(/:\n$/);
  });

  it('says a path given to validate does not exist', { timeout: SLOW }, async () => {
    const { code, stderr } = await run(['validate', '/nope']);
    expect(code).toBe(1);
    expect(stderr).toBe('openai-mock: /nope does not exist: give cassette files or folders of them.\n');
  });
});
