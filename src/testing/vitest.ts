import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import {
  createOpenAIMockSession,
  missesMessage,
  type OpenAIMockSession,
  type OpenAIMockSessionOptions,
} from './session.js';

/**
 * vitest: starts the mock for this file (or `describe`), resets it and switches to the test's own
 * cassette before each test, fails a test whose requests found no recording, and stops it at the end.
 */
export function useOpenAIMock(options: OpenAIMockSessionOptions = {}): OpenAIMockSession {
  const session = createOpenAIMockSession(options);
  beforeAll(() => session.start());
  beforeEach(() => {
    const state = expect.getState();
    return session.beginTest({ file: state.testPath ?? 'tests', name: state.currentTestName ?? 'test' });
  });
  afterEach(async () => {
    const misses = await session.endTest();
    if (misses.length) throw new Error(missesMessage(misses));
  });
  afterAll(() => session.stop());
  return session;
}

export { type ExpectNoFindingsOptions, expectNoFindings } from './findings.js';
export type { OpenAIMockSession, OpenAIMockSessionOptions } from './session.js';
