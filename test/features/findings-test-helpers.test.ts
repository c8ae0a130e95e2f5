// expectNoFindings() as one assertion in vitest, jest and node:test, failing with what the client did.

import { AssertionError } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock, type Engine } from '../../src/index.js';
import { useOpenAIMock as useWithJest } from '../../src/testing/jest.js';
import { expectNoFindings, useOpenAIMock } from '../../src/testing/vitest.js';

const clock = createVirtualClock();

/** A client that retries 3 ms (virtual) after a 429 that asked for 500 ms. */
async function retryTooSoon(url: string, engine: Engine) {
  engine.faults.add({ match: { path: '/chat/completions' }, status: 429, retryAfterMs: 500, times: 1 });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (attempt) await clock.advance(3);
    const res = await fetch(`${url}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sk-helper-0000',
        'x-mock-test-id': 't1',
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    await res.arrayBuffer();
  }
}

describe('the vitest adapter', () => {
  const mock = useOpenAIMock({ clock, warn: () => {} });

  it('passes when the server found nothing', async () => {
    await fetch(`${mock.url}/models`);
    mock.expectNoFindings();
    expectNoFindings(mock.engine);
  });

  it('fails with what the client did and what it should have done', async () => {
    await retryTooSoon(mock.url, mock.engine);
    let caught: unknown;
    try {
      mock.expectNoFindings();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AssertionError);
    expect((caught as Error).message).toBe(
      [
        'openai-mock: 1 finding about how the client retries:',
        '  early_retry: POST /v1/chat/completions (test t1, key sk-…0000)',
        '    your client retried 3 ms after a 429 that asked for 500 ms (retry-after-ms: 500); wait at least the delay retry-after-ms / retry-after asks for before retrying POST /v1/chat/completions.',
      ].join('\n'),
    );
    // Scoped: another test's findings do not fail this one.
    expect(() => mock.expectNoFindings({ scope: 'another-test' })).not.toThrow();
    expect(() => expectNoFindings(mock, { scope: 't1' })).toThrow(AssertionError);
  });

  it("starts each test without the previous test's findings", () => {
    mock.expectNoFindings();
  });
});

describe('the jest adapter, on jest-compatible globals', () => {
  const mock = useWithJest({ clock, warn: () => {} }, { beforeAll, beforeEach, afterEach, afterAll, expect });

  it('fails on a retry that came too soon', async () => {
    await retryTooSoon(mock.url, mock.engine);
    expect(() => mock.expectNoFindings()).toThrow(
      /your client retried 3 ms after a 429 that asked for 500 ms/,
    );
  });
});

describe('the node:test adapter', () => {
  it('passes the test whose client waited and fails the one that did not, saying why', async () => {
    const suite = fileURLToPath(new URL('./fixtures/node-test-findings.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', suite], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const [code] = await once(child, 'exit');
    expect(code, out).toBe(1);
    expect(out).toMatch(/# pass 1\b/);
    expect(out).toMatch(/# fail 1\b/);
    expect(out).toMatch(/your client retried 0 ms after a 429 that asked for 500 ms/);
  }, 60_000);
});
