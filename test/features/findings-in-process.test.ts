// Findings behind the in-process msw door, on a virtual clock: the judge sits in the engine, so it judges
// retries there as it does over a socket.
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/index.js';
import { setupOpenAIMock } from '../../src/server/msw.js';

describe('findings behind the msw door', () => {
  it('judges retries the same as over a socket', async () => {
    const clock = createVirtualClock();
    await using mock = await setupOpenAIMock({
      clock,
      warn: () => {},
      baseURL: 'https://findings-msw.example/v1',
    });
    mock.engine.faults.add({ match: { path: '/embeddings' }, status: 429, retryAfterMs: 500, times: 1 });
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt) await clock.advance(3);
      const res = await fetch('https://findings-msw.example/v1/embeddings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hello' }),
      });
      await res.arrayBuffer();
    }
    expect(mock.engine.findings.list()[0]?.message).toMatch(
      /^your client retried 3 ms after a 429 that asked for 500 ms/,
    );
  });
});
