import { join } from 'node:path';
import { OpenAPIContract } from './create-contract.js';
import { locateSpec, packageRoot } from './locate-spec.js';
import { readDocument } from './read-document.js';
import type { Contract, LoadOptions } from './types.js';

const loaded = new Map<string, Promise<Contract>>();

/**
 * Locate, read, normalize and index the document; one contract per resolved path per process
 * (a failed load is not kept, so a fixed file can be retried).
 */
export function loadContract(opts: LoadOptions = {}): Promise<Contract> {
  const { path, source, searched } = locateSpec(opts);
  const cacheDir = resolveCacheDir(opts);
  const key = `${path}\0${cacheDir}`;
  let pending = loaded.get(key);
  if (!pending) {
    pending = readDocument(path, source, searched).then(
      ({ document, hash, parseMs }) => new OpenAPIContract(document, { path, hash, cacheDir, parseMs }),
    );
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

function resolveCacheDir(opts: LoadOptions): string | false {
  if (opts.cacheDir !== undefined) return opts.cacheDir;
  const env = opts.env ?? process.env;
  const fromEnv = env['OPENAI_MOCK_CACHE_DIR'];
  if (fromEnv === '0' || fromEnv === 'false' || fromEnv === 'off') return false;
  if (fromEnv) return fromEnv;
  return join(packageRoot(), 'node_modules', '.cache', 'openai-mock');
}
