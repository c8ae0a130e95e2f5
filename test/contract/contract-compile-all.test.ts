import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';

// The one test that compiles every schema (about 2 s); all other tests compile only what they touch.
describe('contract.compileAll', () => {
  it('compiles every component, request and response schema of the document', async () => {
    const contract = await loadContract({ cacheDir: false });
    const report = contract.compileAll();
    console.info(
      `[contract] compiled ${report.count} schemas in ${report.ms.toFixed(0)} ms ` +
        `(load: parse ${contract.stats.parseMs.toFixed(0)} ms, normalize ${contract.stats.normalizeMs.toFixed(0)} ms, ` +
        `index ${contract.stats.indexMs.toFixed(0)} ms)`,
    );
    expect(report.failures).toEqual([]);
    // The document's 1,422 component schemas, plus the ones src/contract/errata.ts adds.
    expect(Object.keys(contract.document.components.schemas)).toHaveLength(1423);
    expect(report.count).toBeGreaterThan(1422);
  }, 60_000);
});
