import { AssertionError } from 'node:assert';
import type { Engine } from '../compose.js';
import { formatFindings } from '../features/findings/index.js';

export interface ExpectNoFindingsOptions {
  /** Only this `x-mock-test-id`'s findings. @default every finding */
  scope?: string | null;
}

/**
 * The one assertion about a client's retry behaviour, for any test runner: throws an `AssertionError` that
 * says what the client did and what it should do (`your client retried 3 ms after a 429 that asked for
 * 500 ms; …`) when the server recorded any finding. Takes the engine or anything holding it (a server, a
 * test-runner session, an msw or nock mock).
 */
export function expectNoFindings(target: Engine | { engine: Engine }, options: ExpectNoFindingsOptions = {}) {
  const engine = 'engine' in target ? target.engine : target;
  const findings = engine.findings.list(options.scope === undefined ? {} : { scope: options.scope });
  if (!findings.length) return;
  throw new AssertionError({
    message: formatFindings(findings),
    actual: findings.map((f) => f.kind),
    expected: [],
    operator: 'expectNoFindings',
  });
}
