import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import {
  type Cassette,
  formatCassetteReport,
  readCassette,
  validateCassettes,
  writeCassette,
} from '../../src/record/index.js';
import { cassetteServer, chunksOf, tempDir } from '../record/helpers/cassette-server.js';
import { startFakeUpstream } from '../record/helpers/fake-upstream.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

async function validateCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'validate', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, stdout, stderr };
}

describe('validating recorded traffic', () => {
  const dir = tempDir();
  const good = join(dir, 'good', 'chat.json');
  const bad = join(dir, 'bad', 'drift.json');

  beforeAll(async () => {
    // Real recordings first: what the upstream sent, as the recorder wrote it.
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorder = await cassetteServer({
      dir: join(dir, 'good'),
      cassette: 'chat',
      mode: 'record',
      upstream: upstream.url,
    });
    const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'check me' }] };
    await recorder.client.chat.completions.create(ask);
    await chunksOf(await recorder.client.chat.completions.create({ ...ask, stream: true }));
    await recorder.client.models.list();
    await recorder.close();
    await upstream.close();
    // Then traffic that drifted from the document, and a stale stamp.
    const cassette = (await readCassette(good))!;
    const drifted: Cassette = structuredClone(cassette);
    drifted.meta.spec = { version: '2.0.0', hash: 'f'.repeat(64) };
    const [json, stream] = drifted.interactions as [
      Cassette['interactions'][number],
      Cassette['interactions'][number],
    ];
    (json.response.body as { json: { choices: Array<{ finish_reason: string }> } }).json
      .choices[0]!.finish_reason = 'done';
    const events = (stream.response.body as { sse: Array<{ data: unknown }> }).sse;
    (events[1]!.data as { object: string }).object = 'chat.completion.fragment';
    events.pop(); // the closing [DONE]: a grammar violation, not a schema one
    (json.request.body as { json: Record<string, unknown> }).json['temperature'] = 'warm';
    await writeCassette(bad, drifted);
    writeFileSync(join(dir, 'bad', 'broken.json'), '{"version": 1, "interactions": 3}');
  });

  it('finds nothing wrong with faithful recordings', async () => {
    const report = await validateCassettes([join(dir, 'good')], { contract: await loadContract() });
    expect(report.problems, formatCassetteReport(report)).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.cassettes[0]).toMatchObject({ interactions: 3, stale: null });
  });

  it('reports each violation with the cassette, interaction, place and JSON pointer', async () => {
    const contract = await loadContract();
    const report = await validateCassettes([join(dir, 'bad')], { contract });
    expect(report.ok).toBe(false);
    const drift = report.cassettes.find((c) => c.path === bad)!;
    expect(drift.stale).toEqual({
      recorded: `2.0.0 (${'f'.repeat(12)})`,
      current: `${contract.version} (${contract.hash.slice(0, 12)})`,
    });
    expect(drift.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ interaction: 0, where: 'request', pointer: '/temperature' }),
        expect.objectContaining({ interaction: 0, where: 'response', pointer: '/choices/0/finish_reason' }),
        expect.objectContaining({ interaction: 1, where: 'event', event: 1, pointer: '/object' }),
      ]),
    );
    const broken = report.cassettes.find((c) => c.path.endsWith('broken.json'))!;
    expect(broken.problems[0]).toMatchObject({
      interaction: null,
      where: 'file',
      message: expect.stringMatching(/meta must be an object|interactions must be an array/),
    });
    const text = formatCassetteReport(report, dir);
    expect(text).toContain('FAIL  bad/drift.json (3 interactions; stale: recorded against document 2.0.0');
    expect(text).toMatch(/#0 response \/choices\/0\/finish_reason: /);
    expect(text).toMatch(/#1 event 1 \/object: /);
    expect(text).toMatch(/problems in 2 of 2 cassettes; 1 stale/);
  });

  it('checks whole streams by grammar, not only event by event', async () => {
    const report = await validateCassettes([bad], { contract: await loadContract() });
    expect(report.cassettes[0]!.problems).toContainEqual(
      expect.objectContaining({
        interaction: 1,
        where: 'stream',
        message: expect.stringMatching(/\[DONE\]/),
      }),
    );
  });

  it('flags stale cassettes without failing unless asked to', async () => {
    const contract = await loadContract();
    const stale: Cassette = structuredClone((await readCassette(good))!);
    stale.meta.spec = { version: '1.9.0', hash: '0'.repeat(64) };
    const path = join(dir, 'stale', 'old.json');
    await writeCassette(path, stale);
    expect(await validateCassettes([path], { contract })).toMatchObject({ ok: true, stale: 1, problems: 0 });
    expect(await validateCassettes([path], { contract, failOnStale: true })).toMatchObject({ ok: false });
  });

  it('exits 1 with the readable report when any cassette violates the document', async () => {
    const { code, stdout, stderr } = await validateCli([join(dir, 'good'), join(dir, 'bad')]);
    expect(code, stderr).toBe(1);
    expect(stdout).toMatch(/^ok {4}.*good\/chat\.json \(3 interactions\)$/m);
    expect(stdout).toMatch(/^FAIL {2}.*bad\/drift\.json .*stale/m);
    expect(stdout).toMatch(/^ {6}#0 response \/choices\/0\/finish_reason: /m);
    expect(stdout).toMatch(/problems in 2 of 3 cassettes; 1 stale/);
  });
});
