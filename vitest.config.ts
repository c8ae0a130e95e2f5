import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
    // Every test file loads the same engine and 3 MB document; sharing the module cache within a worker
    // (test files still clean up their own servers, interceptors and globals) takes the suite from ~50 s to
    // ~18 s on 2 cores. Vitest would otherwise leave one of the 2 cores idle.
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism()),
    // Every test checks the bodies the server sends against the OpenAPI document.
    env: { OPENAI_MOCK_CHECK_RESPONSES: '1' },
  },
});
