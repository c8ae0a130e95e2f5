import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { registerRecord } from '../../src/cli/record.js';
import { registerReplay } from '../../src/cli/replay.js';
import { MODE_ENV } from '../../src/record/index.js';
import { tempDir } from '../record/helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY, UPSTREAM_ORG } from '../record/helpers/fake-upstream.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPENAI_MOCK_CASSETTE_MODE: '', ...env },
  });

/** The base URL from the line a command prints once it listens. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

async function output(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'through the proxy' }] };

describe('openai-mock record and replay', () => {
  const dir = tempDir();

  it('records with the key from its environment while the client sends a dummy one, writes a redacted cassette, and replays it with the upstream gone', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorder = run(
      ['record', '--upstream', upstream.url, '--cassettes', dir, '--name', 'cli', '--port', '0'],
      { OPENAI_API_KEY: UPSTREAM_KEY },
    );
    const recordUrl = await listening(recorder);
    const live = new OpenAI({ apiKey: 'sk-anything', baseURL: recordUrl, maxRetries: 0 });
    const completion = await live.chat.completions.create(ask);
    const streamed: string[] = [];
    for await (const c of await live.chat.completions.create({ ...ask, stream: true }))
      streamed.push(c.choices[0]?.delta.content ?? '');
    expect(streamed.join('')).toBe('You said: through the proxy');
    const done = output(recorder);
    recorder.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/cli\.json: 2 new, 0 updated, 0 unchanged, 0 errors\n$/);
    await upstream.close();

    const text = await readFile(join(dir, 'cli.json'), 'utf8');
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).not.toContain(UPSTREAM_ORG);

    const replayer = run(['replay', '--cassettes', dir, '--name', 'cli', '--port', '0']);
    const replayUrl = await listening(replayer);
    const offline = new OpenAI({ apiKey: 'sk-whatever-000000000', baseURL: replayUrl, maxRetries: 0 });
    expect((await offline.chat.completions.create(ask)).choices).toEqual(completion.choices);
    const replayed: string[] = [];
    for await (const c of await offline.chat.completions.create({ ...ask, stream: true }))
      replayed.push(c.choices[0]?.delta.content ?? '');
    expect(replayed).toEqual(streamed);
    await expect(
      offline.chat.completions.create({ ...ask, messages: [{ role: 'user', content: 'never recorded' }] }),
    ).rejects.toThrow(/no recording for POST/);
    replayer.kill('SIGTERM');
    expect((await once(replayer, 'exit'))[0]).toBe(0);
  }, 60_000);

  it('stops with a clear message when the upstream refuses its key, and writes no cassette', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorder = run(
      ['record', '--upstream', upstream.url, '--cassettes', dir, '--name', 'refused', '--port', '0'],
      { OPENAI_API_KEY: 'sk-wrong-0000000000' },
    );
    const client = new OpenAI({ apiKey: 'sk-anything', baseURL: await listening(recorder), maxRetries: 0 });
    const done = output(recorder);
    await expect(client.chat.completions.create(ask)).rejects.toMatchObject({ status: 401 });
    const { code, stdout, stderr } = await done;
    await upstream.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /the upstream refused the key in \$OPENAI_API_KEY \(401: Incorrect API key provided\.\); nothing was recorded\. Stopping\./,
    );
    expect(stdout).toMatch(/refused\.json: 0 new, 0 updated, 0 unchanged, 1 error\n$/);
    expect(existsSync(join(dir, 'refused.json'))).toBe(false);
  }, 30_000);

  it('refuses to start without the upstream key, naming the variable and the ways out', async () => {
    const { code, stderr } = await output(
      run(
        ['record', '--upstream', 'http://127.0.0.1:9/v1', '--cassettes', dir, '--upstream-key-env', 'MY_KEY'],
        {
          MY_KEY: '',
        },
      ),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      "openai-mock: record needs the upstream key in $MY_KEY: set it (or name another variable with --upstream-key-env, or send the client's key with --forward-client-key).\n",
    );
  }, 30_000);

  describe('flags, parsed in-process', () => {
    /** The same commands on a fresh program: parse errors surface as CommanderError, which the bin turns into exit 2 (see serve.test.ts). */
    async function parse(args: string[], env: Record<string, string> = {}) {
      const program = new Command('openai-mock')
        .exitOverride()
        .configureOutput({ writeErr: () => {}, writeOut: () => {} });
      registerRecord(program);
      registerReplay(program);
      const saved = process.env[MODE_ENV];
      process.env[MODE_ENV] = env[MODE_ENV] ?? '';
      try {
        await program.parseAsync(args, { from: 'user' });
        return 'parsed';
      } catch (error) {
        return error as Error;
      } finally {
        if (saved === undefined) delete process.env[MODE_ENV];
        else process.env[MODE_ENV] = saved;
      }
    }

    it.each([
      [['record', '--cassettes', 'x'], /required option '--upstream <url>' not specified/],
      [
        ['record', '--upstream', 'http://127.0.0.1:1', '--cassettes', 'x', '--mode', 'replay'],
        /--mode must be one of: record, update, passthrough/,
      ],
      [['replay', '--cassettes', 'x', '--speed', '0'], /--speed must be 'instant' or a number above 0/],
      [['replay', '--cassettes', 'x', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
      [['replay'], /required option '--cassettes <dir>' not specified/],
    ])('refuses %j as a usage error naming the fix', async (args, message) => {
      const error = await parse(args);
      expect(error).toBeInstanceOf(CommanderError);
      expect((error as Error).message).toMatch(message);
    });

    it('refuses an OPENAI_MOCK_CASSETTE_MODE the command cannot use, naming the variable', async () => {
      const error = await parse(['replay', '--cassettes', 'x', '--port', '0'], { [MODE_ENV]: 'recrod' });
      expect(error).not.toBeInstanceOf(CommanderError);
      expect((error as Error).message).toMatch(
        /OPENAI_MOCK_CASSETTE_MODE must be one of: replay, replay-or-mock for this command; got 'recrod'/,
      );
    });
  });
});
