import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SpecInvalidError } from './contract-errors.js';
import { checkShape, parseDocument } from './read-document.js';

/**
 * The published document this version is tested with: openai/openai-openapi at this commit (main,
 * 2026-08-21, info.version 2.3.0), file `openapi.json`; `spec fetch --ref` takes another.
 */
export const PINNED_SPEC_REF = 'f85dbe223d40e1a31cba812ab2d755c7e98a92a3';
/** sha256 of `openapi.json` at the pinned ref: a download of that ref must be these very bytes. */
export const PINNED_SPEC_SHA256 = 'bbfd19abcde0e7412da99378deb2a959ccdd3a812f97c9e35901921e8e973f9a';
/** Raw files of the repository; `<source>/<ref>/openapi.json` is the document. */
export const DEFAULT_SPEC_SOURCE = 'https://raw.githubusercontent.com/openai/openai-openapi';

/** The exact command an npm user runs once to get the document. */
export const FETCH_COMMAND = 'npx openai-mock spec fetch';

/**
 * Where a fetched document is kept: `$OPENAI_MOCK_SPEC_CACHE`, else `$XDG_CACHE_HOME/openai-mock`, else
 * `~/.cache/openai-mock` — the user's cache, so every project on the machine finds it, offline.
 */
export function specCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['OPENAI_MOCK_SPEC_CACHE']) return env['OPENAI_MOCK_SPEC_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'openai-mock');
}

export function cachedSpecPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(specCacheDir(env), 'openapi.json');
}

export interface FetchSpecOptions {
  /** A commit, tag or branch of openai/openai-openapi. @default PINNED_SPEC_REF */
  ref?: string;
  /** Base of the raw files. @default `$OPENAI_MOCK_SPEC_SOURCE`, else DEFAULT_SPEC_SOURCE */
  source?: string;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

export interface FetchedSpec {
  path: string;
  url: string;
  ref: string;
  sha256: string;
  version: string;
  operations: number;
}

/** Downloads the document, checks that it parses as OpenAPI (and, for the pinned ref, its checksum), and caches it. */
export async function fetchSpec(options: FetchSpecOptions = {}): Promise<FetchedSpec> {
  const env = options.env ?? process.env;
  const ref = options.ref ?? PINNED_SPEC_REF;
  const source = (options.source ?? env['OPENAI_MOCK_SPEC_SOURCE'] ?? DEFAULT_SPEC_SOURCE).replace(
    /\/+$/,
    '',
  );
  const url = `${source}/${encodeURIComponent(ref)}/openapi.json`;
  const bytes = await download(url, options.fetch ?? globalThis.fetch);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (ref === PINNED_SPEC_REF && sha256 !== PINNED_SPEC_SHA256)
    throw new SpecInvalidError(
      url,
      `its sha256 is ${sha256}, not the ${PINNED_SPEC_SHA256} of the pinned ref`,
    );
  const document = parseDocument(bytes.toString('utf8'), url) as {
    info?: { version?: unknown };
    paths: object;
  };
  checkShape(document, url);
  const path = cachedSpecPath(env);
  await mkdir(specCacheDir(env), { recursive: true });
  // Atomic: a half-written document in the cache would break every later start.
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await writeFile(
    join(specCacheDir(env), 'openapi.source.json'),
    `${JSON.stringify({ url, ref, sha256, fetchedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  const operations = Object.values(document.paths).reduce(
    (n: number, item) => n + Object.keys(item ?? {}).filter((k) => METHODS.has(k)).length,
    0,
  );
  return { path, url, ref, sha256, version: String(document.info?.version ?? 'unknown'), operations };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** GETs a document over http(s); failures name the URL and what went wrong. */
export async function download(url: string, doFetch: typeof fetch = globalThis.fetch): Promise<Buffer> {
  let response: Response;
  try {
    response = await doFetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SpecInvalidError(
      url,
      `it could not be downloaded (${cause?.code ?? cause?.message ?? String(error)})`,
      {
        cause: error,
      },
    );
  }
  if (!response.ok)
    throw new SpecInvalidError(url, `the server answered ${response.status} ${response.statusText}`.trim());
  return Buffer.from(await response.arrayBuffer());
}
