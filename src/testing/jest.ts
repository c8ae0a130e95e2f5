import {
  createOpenAIMockSession,
  missesMessage,
  type OpenAIMockSession,
  type OpenAIMockSessionOptions,
} from './session.js';

type Hook = (fn: () => Promise<unknown> | unknown) => void;
interface JestGlobals {
  beforeAll: Hook;
  beforeEach: Hook;
  afterEach: Hook;
  afterAll: Hook;
  expect: { getState(): { testPath?: string | null; currentTestName?: string | undefined } };
}

/**
 * jest: the same as the vitest helper, through jest's globals (no import of jest itself, so this file
 * loads anywhere). Call it at the top of a test file or inside a `describe`.
 */
export function useOpenAIMock(
  options: OpenAIMockSessionOptions = {},
  globals: JestGlobals = globalThis as unknown as JestGlobals,
): OpenAIMockSession {
  if (typeof globals.beforeAll !== 'function')
    throw new Error(
      'openai-mock/testing/jest: no jest globals (beforeAll, afterAll, …) here; call useOpenAIMock from a jest test file.',
    );
  const session = createOpenAIMockSession(options);
  globals.beforeAll(() => session.start());
  globals.beforeEach(() => {
    const state = globals.expect.getState();
    return session.beginTest({ file: state.testPath ?? 'tests', name: state.currentTestName ?? 'test' });
  });
  globals.afterEach(async () => {
    const misses = await session.endTest();
    if (misses.length) throw new Error(missesMessage(misses));
  });
  globals.afterAll(() => session.stop());
  return session;
}

export { type ExpectNoFindingsOptions, expectNoFindings } from './findings.js';
export type { OpenAIMockSession, OpenAIMockSessionOptions } from './session.js';
