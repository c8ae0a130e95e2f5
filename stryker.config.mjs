// Mutation testing (issue 22): `npm run mutate [-- GROUP…]` runs StrykerJS on one group of modules at a
// time, each against the test files that exercise it, and fails when a group scores below 80 %.
// The groups are where a silent bug hurts most; their tests are named so that a run takes minutes
// (vitest's "related" mode would pull in most of the suite, since everything imports the engine); they
// favour tests that answer in-process over ones that spawn processes, so each group takes minutes.

/** @type {Record<string, { mutate: string[]; tests: string[] }>} */
export const groups = {
  client: {
    mutate: ['src/client/{retry,timeout,stream,transport,sse-decoder}.ts'],
    tests: [
      'test/client/{retry-decision,retry-delay,sse-decoder-chunk-boundaries,client-options}.test.ts',
      'test/client/{errors-from-response,stream-lifecycle,client-retries,client-streaming}.test.ts',
    ],
  },
  'rate-limits': {
    mutate: ['src/features/rate-limits/{bucket,limiter,options,messages,duration,request-tokens}.ts'],
    tests: ['test/engine/rate-limits-*.test.ts'],
  },
  faults: {
    mutate: ['src/features/faults/{match,rule-set,parse-rule,parse-spec,http-faults,stream-faults,apply}.ts'],
    tests: ['test/engine/faults-{rules,admin}.test.ts'],
  },
  validation: {
    mutate: [
      'src/contract/{request-validator,form-values,explain-violations,found-violation,schema-shapes,union-branches}.ts',
    ],
    tests: [
      'test/contract/{contract-request-errors,contract-openai-error,sdk-request-json-types}.test.ts',
      'test/engine/chat-request-errors.test.ts',
    ],
  },
  record: {
    mutate: ['src/record/{redact,normalize,cassette-book,miss,nearest-diff}.ts'],
    tests: ['test/record/{redact-defaults,match-normalize,cassette-miss-diff,cassette-file-errors}.test.ts'],
  },
  pipeline: {
    mutate: ['src/engine/pipeline.ts'],
    tests: [
      'test/engine/{response-check,pipeline-checks,chat-request-errors}.test.ts',
      'test/server/fastify-errors.test.ts',
    ],
  },
  streams: {
    mutate: ['src/contract/streams/{chat-stream,response-stream}.ts'],
    tests: ['test/contract/{chat-stream-grammar,response-stream-grammar,contract-stream-events}.test.ts'],
  },
};

const name = process.env.MUTATE_GROUP ?? 'client';
const group = groups[name];
if (!group)
  throw new Error(`stryker: unknown group '${name}'; choose from ${Object.keys(groups).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: false },
  mutate: group.mutate,
  testFiles: group.tests,
  coverageAnalysis: 'perTest',
  // Module-level constants would need every test re-run per mutant; they are data, not logic.
  ignoreStatic: true,
  // 2 cores shared with other work.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  // Generous: a timed-out run restarts its test runner (a fresh vitest), and on a busy machine a short limit
  // turns slow runs into "timeouts" that count as detected.
  timeoutMS: 30_000,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: 80 },
  ignorePatterns: ['dist', 'reports', 'coverage', '.cache', 'bench'],
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: 'always',
};
