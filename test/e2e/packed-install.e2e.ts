/**
 * The newcomer's path, from the tarball npm would publish: install it offline into a fresh project, fetch the
 * document from a stand-in for GitHub, serve, call with the official SDK, record against a fake upstream that
 * checks the real key while the client sends a dummy one, replay offline, validate the cassettes.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateSpec, PINNED_SPEC_REF } from '../../src/contract/index.js';
import { startFakeUpstream, UPSTREAM_KEY } from '../record/helpers/fake-upstream.js';

const execFileAsync = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'openai-mock-e2e-'));
const project = join(work, 'project');
const cache = join(work, 'cache');
const cassettes = join(project, 'test', 'cassettes');
const bin = join(project, 'node_modules', '.bin', 'openai-mock');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};
/** No network but this machine's: no OPENAI_MOCK_SPEC, no ../shared beside node_modules/openai-mock. */
const env = { ...process.env, OPENAI_MOCK_SPEC: '', OPENAI_MOCK_SPEC_CACHE: cache, OPENAI_API_KEY: '' };

/** Async: the stand-ins for GitHub and the upstream live in this process and must keep answering. */
const sh = async (file: string, args: string[], cwd = project, extra: NodeJS.ProcessEnv = {}) =>
  (await execFileAsync(file, args, { cwd, env: { ...env, ...extra }, encoding: 'utf8' })).stdout;

function start(
  args: string[],
  extra: NodeJS.ProcessEnv = {},
): { child: ChildProcess; url: Promise<string>; out: () => string } {
  const child = spawn(bin, args, {
    cwd: project,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, url, out: () => out };
}

/** Stands in for raw.githubusercontent.com/openai/openai-openapi. */
const github = createServer((req, res) => {
  if (req.url !== `/${PINNED_SPEC_REF}/openapi.json`) return void res.writeHead(404).end('404: Not Found');
  res.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(locateSpec({ env: {} }).path));
});

beforeAll(async () => {
  github.listen(0, '127.0.0.1');
  await once(github, 'listening');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'ignore' });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: repo,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop()!;
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'newcomer', private: true, type: 'module' }),
  );
  // From npm's cache (warm once this repository has installed): the registry only for what it lacks.
  await sh('npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    join(work, tarball),
    `openai@${pkg.devDependencies['openai']}`,
  ]);
});
afterAll(() => {
  github.close();
  rmSync(work, { recursive: true, force: true });
});

describe('from npm install to a cassette recorded in CI', () => {
  it('ships what it advertises: LICENSE, --version, openai-mock/contract, maps that resolve, optional peers', async () => {
    const installed = join(project, 'node_modules', 'openai-mock');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect((await sh(bin, ['--version'])).trim()).toBe(pkg.version);
    const check = await sh('node', [
      '--input-type=module',
      '-e',
      "import { checkChatStream, checkResponseStream } from 'openai-mock/contract'; console.log(typeof checkChatStream, typeof checkResponseStream);",
    ]);
    expect(check.trim()).toBe('function function');
    const map = JSON.parse(readFileSync(join(installed, 'dist', 'cli.js.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: string[];
    };
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.peerDependenciesMeta).toMatchObject({
      msw: { optional: true },
      nock: { optional: true },
    });
    expect(existsSync(join(installed, 'dist', '.tsbuildinfo'))).toBe(false);
  });

  it('says the one command to run when there is no document, then fetches it and serves with it offline', async () => {
    const bare = start(['serve', '--port', '0']);
    await bare.url;
    expect(bare.out()).toMatch(/Download it once with: npx openai-mock spec fetch/);
    bare.child.kill('SIGTERM');
    await once(bare.child, 'exit');

    const fetched = await sh(bin, ['spec', 'fetch'], project, {
      OPENAI_MOCK_SPEC_SOURCE: `http://127.0.0.1:${(github.address() as AddressInfo).port}`,
    });
    expect(fetched).toMatch(
      new RegExp(`saved the OpenAPI document 2\\.3\\.0 \\(288 operations.*to ${cache}/openapi\\.json`),
    );

    const served = start(['serve', '--port', '0']);
    const client = new OpenAI({ apiKey: 'sk-anything', baseURL: await served.url, maxRetries: 0 });
    expect(served.out()).toContain(`spec: ${join(cache, 'openapi.json')}`);
    const reply = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(reply.choices[0]?.message.content).toBeTruthy();
    // Validation is on: the document is in use.
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'x' }],
        n: -1,
      }),
    ).rejects.toMatchObject({ status: 400 });
    served.child.kill('SIGTERM');
    await once(served.child, 'exit');
  });

  it("runs the README's top example as a plain .mjs file with this Node", async () => {
    const readme = readFileSync(join(project, 'node_modules', 'openai-mock', 'README.md'), 'utf8');
    const top = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
    writeFileSync(join(project, 'example.mjs'), top);
    const printed = (await sh('node', ['example.mjs'])).trim().split('\n');
    expect(printed.at(-1)).toBe('200');
  });

  it('records with the key from its environment while the client holds a dummy one, replays offline, validates', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorder = start(['record', '--upstream', upstream.url, '--cassettes', cassettes, '--port', '0'], {
      OPENAI_API_KEY: UPSTREAM_KEY,
    });
    const live = new OpenAI({ apiKey: 'sk-anything', baseURL: await recorder.url, maxRetries: 0 });
    const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'record me' }] };
    const answer = await live.chat.completions.create(ask);
    const streamed: string[] = [];
    for await (const chunk of await live.chat.completions.create({ ...ask, stream: true }))
      streamed.push(chunk.choices[0]?.delta.content ?? '');
    recorder.child.kill('SIGINT');
    const [code] = await once(recorder.child, 'exit');
    await upstream.close();
    expect(code).toBe(0);
    expect(recorder.out()).toMatch(/default\.json: 2 new, 0 updated, 0 unchanged, 0 errors/);
    const written = readFileSync(join(cassettes, 'default.json'), 'utf8');
    expect(written).not.toContain(UPSTREAM_KEY);

    const replayer = start(['replay', '--cassettes', cassettes, '--port', '0']);
    const offline = new OpenAI({ apiKey: 'sk-anything', baseURL: await replayer.url, maxRetries: 0 });
    expect((await offline.chat.completions.create(ask)).choices).toEqual(answer.choices);
    const replayed: string[] = [];
    for await (const chunk of await offline.chat.completions.create({ ...ask, stream: true }))
      replayed.push(chunk.choices[0]?.delta.content ?? '');
    expect(replayed).toEqual(streamed);
    replayer.child.kill('SIGTERM');
    await once(replayer.child, 'exit');

    expect(await sh(bin, ['validate', cassettes])).toMatch(/default\.json/);
  });
});
