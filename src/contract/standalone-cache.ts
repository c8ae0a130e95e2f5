import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { NORMALIZE_VERSION } from './normalize-schema.js';

/** Bump when AJV options or the explainer's expectations change what a cached validator means. */
const CACHE_FORMAT = 1;

const requireHere = createRequire(import.meta.url);

/**
 * Compiled validators as AJV standalone code on disk, one file per schema pointer, in a folder named
 * after the document hash. Loading one costs ~15 ms where compiling the big ones (CreateResponse,
 * ResponseStreamEvent) costs 100–200 ms, and every process (each vitest worker, each server start)
 * would pay that again. Only slow compiles are stored, so the folder stays a handful of files.
 */
export class StandaloneCache {
  readonly dir: string;
  #broken = false;

  constructor(baseDir: string, documentHash: string) {
    const ajvVersion = (requireHere('ajv/package.json') as { version: string }).version;
    this.dir = join(
      baseDir,
      `${documentHash.slice(0, 16)}-ajv${ajvVersion}-n${NORMALIZE_VERSION}-c${CACHE_FORMAT}`,
    );
  }

  load(pointer: string): ValidateFunction | undefined {
    if (this.#broken) return undefined;
    let code: string;
    try {
      code = readFileSync(this.#file(pointer), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const module = { exports: {} as any };
      // the code is what `store` wrote from AJV's own generator; its requires resolve from this package
      new Function('require', 'module', 'exports', code)(requireHere, module, module.exports);
      return typeof module.exports === 'function' ? module.exports : undefined;
    } catch {
      return undefined; // a truncated or stale file: compile again and overwrite it
    }
  }

  store(pointer: string, code: string): void {
    if (this.#broken) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const file = this.#file(pointer);
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file); // atomic, so a parallel reader never sees half a file
    } catch {
      this.#broken = true; // read-only install or full disk: keep working without the cache
    }
  }

  #file(pointer: string): string {
    return join(this.dir, `${createHash('sha1').update(pointer).digest('hex').slice(0, 24)}.cjs`);
  }
}
