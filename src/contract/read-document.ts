import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  isSpecInvalidError,
  SpecInvalidError,
  SpecNotFoundError,
  type SpecSource,
} from './contract-errors.js';
import { isUrl } from './locate-spec.js';
import { download } from './spec-cache.js';

export interface ReadDocument {
  document: any;
  /** sha256 (hex) of the file bytes. */
  hash: string;
  parseMs: number;
}

/** Read (or download, for an http(s) URL) and parse the document (JSON, or YAML when it does not start with `{`). */
export async function readDocument(
  path: string,
  source: SpecSource,
  searched?: readonly string[],
): Promise<ReadDocument> {
  let bytes: Buffer;
  try {
    bytes = isUrl(path) ? await download(path) : await readFile(path);
  } catch (e) {
    if (isSpecInvalidError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new SpecNotFoundError(path, source, { cause: e, ...(searched && { searched }) });
    throw new SpecInvalidError(path, `the file cannot be read (${code ?? String(e)})`, { cause: e });
  }
  const started = performance.now();
  const hash = createHash('sha256').update(bytes).digest('hex');
  const document = parseDocument(bytes.toString('utf8'), path);
  checkShape(document, path);
  return { document, hash, parseMs: performance.now() - started };
}

// The yaml package costs ~40 ms to import; the document is JSON nearly always, so it loads only for YAML.
const parseYaml = (text: string) =>
  (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: -1 });

export function parseDocument(text: string, path: string): unknown {
  const json = /^\s*[{[]/.test(text) || path.endsWith('.json');
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const what = json ? 'JSON' : 'YAML';
    throw new SpecInvalidError(path, `it is not valid ${what} (${(e as Error).message})`, { cause: e });
  }
}

export function checkShape(document: unknown, path: string): void {
  const doc = document as { openapi?: unknown; paths?: unknown } | null;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SpecInvalidError(path, 'it holds no object at the top level');
  }
  if (typeof doc.openapi !== 'string' || doc.paths === null || typeof doc.paths !== 'object') {
    throw new SpecInvalidError(
      path,
      'it is not an OpenAPI document (no `openapi` version or no `paths` object)',
    );
  }
}
