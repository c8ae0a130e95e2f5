import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpecSource } from './contract-errors.js';
import { cachedSpecPath } from './spec-cache.js';
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

export const isUrl = (value: string) => /^https?:\/\//i.test(value);

/**
 * Where the document should be: `--spec` > `OPENAI_MOCK_SPEC` (each a path or an http(s) URL) >
 * `../shared/openai-openapi/openapi.json` beside the project > the copy `openai-mock spec fetch` keeps in
 * the user's cache. For the default, the first that exists (else the cache, where the fix puts it).
 */
export function locateSpec(opts: LocateOptions = {}): {
  path: string;
  source: SpecSource;
  searched: string[];
} {
  const given = (value: string) => (isUrl(value) ? value : resolve(value));
  if (opts.spec) return { path: given(opts.spec), source: 'option', searched: [given(opts.spec)] };
  const env = opts.env ?? process.env;
  const fromEnv = env['OPENAI_MOCK_SPEC'];
  if (fromEnv) return { path: given(fromEnv), source: 'env', searched: [given(fromEnv)] };
  const searched = [
    resolve(opts.root ?? packageRoot(), '..', 'shared', 'openai-openapi', 'openapi.json'),
    cachedSpecPath(env),
  ];
  return { path: searched.find((p) => existsSync(p)) ?? searched[0]!, source: 'default', searched };
}
