import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContract, locateSpec } from '../../src/contract/index.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'openai-mock-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('standalone validator cache', () => {
  it('stores slow compiles on disk and loads them in a fresh contract', () => {
    const text = readFileSync(locateSpec().path, 'utf8');
    const meta = { hash: 'f'.repeat(64), cacheDir };
    const body = { model: 'gpt-4o', input: [{ role: 'user', content: 'hi' }] };

    const first = createContract(JSON.parse(text), meta);
    let started = performance.now();
    expect(
      first.validateRequest(first.operationById('createResponse')!, { body, query: {}, params: {} }),
    ).toEqual([]);
    const compileMs = performance.now() - started;

    const [folder] = readdirSync(cacheDir);
    expect(folder).toMatch(/^ffffffffffffffff-ajv[\d.]+-n\d+-c\d+$/);
    expect(readdirSync(join(cacheDir, folder!)).length).toBeGreaterThan(0);

    const second = createContract(JSON.parse(text), meta);
    started = performance.now();
    const op = second.operationById('createResponse')!;
    expect(second.validateRequest(op, { body, query: {}, params: {} })).toEqual([]);
    const loadMs = performance.now() - started;
    expect(second.validateRequest(op, { body: { model: 1 }, query: {}, params: {} })[0]).toMatchObject({
      pointer: '/model',
    });
    console.info(
      `[contract] CreateResponse validator: compile ${compileMs.toFixed(0)} ms, from cache ${loadMs.toFixed(0)} ms`,
    );
    expect(loadMs).toBeLessThan(compileMs);
  });
});
