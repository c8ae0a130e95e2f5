import { after, afterEach, before, beforeEach } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  createOpenAIMockSession,
  missesMessage,
  type OpenAIMockSession,
  type OpenAIMockSessionOptions,
} from './session.js';

interface NodeTestContext {
  name: string;
  fullName?: string;
  filePath?: string;
}

/**
 * node:test: start before the file's tests, reset and switch to the test's cassette before each one, fail a
 * test whose requests found no recording, stop after. Pass `import.meta.url` so cassettes are named after
 * the file (node:test does not tell hooks which file they run in).
 */
export function useOpenAIMock(options: OpenAIMockSessionOptions & { file?: string } = {}): OpenAIMockSession {
  const { file, ...rest } = options;
  const session = createOpenAIMockSession(rest);
  const filePath = file?.startsWith('file:') ? fileURLToPath(file) : (file ?? 'tests');
  before(() => session.start());
  beforeEach((t) => {
    const ctx = t as unknown as NodeTestContext;
    return session.beginTest({ file: ctx.filePath ?? filePath, name: ctx.fullName ?? ctx.name });
  });
  afterEach(async () => {
    const misses = await session.endTest();
    if (misses.length) throw new Error(missesMessage(misses));
  });
  after(() => session.stop());
  return session;
}

export { type ExpectNoFindingsOptions, expectNoFindings } from './findings.js';
export type { OpenAIMockSession, OpenAIMockSessionOptions } from './session.js';
