import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecSource } from './contract-errors.js';
import type { LocateOptions } from './types.js';

let cachedRoot: string | undefined;

/**
 * The folder holding the package.json named "openai-mock", found by walking up from this file,
 * so the same code works from src/ (tsx, vitest) and from dist/. Falls back to the cwd.
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if (JSON.parse(readFileSync(candidate, 'utf8')).name === 'openai-mock') {
          cachedRoot = dir;
          return dir;
        }
      } catch {
        // an unreadable package.json on the way up is not ours; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      cachedRoot = process.cwd();
      return cachedRoot;
    }
    dir = parent;
  }
}

/** Where the document should be: `--spec` > `OPENAI_MOCK_SPEC` > `../shared/openai-openapi/openapi.json`. */
export function locateSpec(opts: LocateOptions = {}): { path: string; source: SpecSource } {
  if (opts.spec) return { path: resolve(opts.spec), source: 'option' };
  const fromEnv = (opts.env ?? process.env)['OPENAI_MOCK_SPEC'];
  if (fromEnv) return { path: resolve(fromEnv), source: 'env' };
  return {
    path: resolve(packageRoot(), '..', 'shared', 'openai-openapi', 'openapi.json'),
    source: 'default',
  };
}
