import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 30_000,
    // Every test checks the bodies the server sends against the OpenAPI document.
    env: { OPENAI_MOCK_CHECK_RESPONSES: '1' },
  },
});
