/** Test-runner helpers: the runner-neutral session here; adapters in ./vitest, ./jest and ./node-test. */
export { type ExpectNoFindingsOptions, expectNoFindings } from './findings.js';
export {
  createOpenAIMockSession,
  type MockDoor,
  missesMessage,
  type OpenAIMockSession,
  type OpenAIMockSessionOptions,
} from './session.js';
