// Runs the README's findings example exactly as written: the block is cut out of README.md, its package
// imports pointed at src/, and imported. Its last line must throw the finding it shows in its comments.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function readmeBlock(heading: string): string {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf(heading));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`README.md has no ts block under '${heading}'`);
  return block;
}

it("runs the README's findings example as written, and it fails the way its comments say", async () => {
  const code = readmeBlock('### Findings: the server judges the client')
    .replace("from 'openai-mock/testing'", `from '${root}src/testing/index.js'`)
    .replace("from 'openai-mock'", `from '${root}src/index.js'`);
  expect(code).not.toMatch(/from 'openai-mock/);
  mkdirSync(`${root}.cache/readme`, { recursive: true });
  const file = `${root}.cache/readme/findings-example.ts`;
  writeFileSync(file, code);
  const error = await import(/* @vite-ignore */ `${file}?t=${Date.now()}`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(
    /^openai-mock: 1 finding about how the client retries:\n {2}early_retry: POST \/v1\/embeddings\n {4}your client retried \d+ ms after a 429 that asked for 500 ms \(retry-after-ms: 500\); wait at least the delay/,
  );
}, 60_000);
