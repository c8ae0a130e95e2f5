// Runs the README's findings example exactly as written: the block is cut out of README.md, its package
// imports pointed at src/, and imported. It must pass its first check and log the finding its comments show.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function readmeBlock(heading: string): string {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`README.md has no ts block under '${heading}'`);
  return block;
}

it("runs the README's findings example as written, and it logs the finding its comments show", async () => {
  const code = readmeBlock('### Findings: the server judges the client')
    .replace("from 'openai-mock/testing'", `from '${root}src/testing/index.js'`)
    .replace("from 'openai-mock'", `from '${root}src/index.js'`);
  expect(code).not.toMatch(/from 'openai-mock/);
  mkdirSync(`${root}.cache/readme`, { recursive: true });
  const file = `${root}.cache/readme/findings-example.ts`;
  writeFileSync(file, code);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
    expect(log.mock.calls.map((args) => String(args[0]))).toEqual([
      expect.stringMatching(
        /^your client retried \d+ ms after a 429 that asked for 500 ms \(retry-after-ms: 500\); wait at least the delay/,
      ),
    ]);
  } finally {
    log.mockRestore();
  }
}, 60_000);
