import { defineConfig } from 'vitest/config';

/** `npm run test:e2e`: the packed package installed into a fresh project, slow on purpose (npm pack, npm install). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
