/** Errors a user sees when the OpenAPI document cannot be found or read. Match on `code`. */

export type SpecSource = 'option' | 'env' | 'default';

/** Kept in step with `FETCH_COMMAND` (spec-cache.ts), which imports this module. */
const FETCH = 'npx openai-mock spec fetch';

/** One sentence: what was looked at, and the one fix that applies to how the path was chosen. */
function notFound(path: string, source: SpecSource, searched: readonly string[]): string {
  if (source === 'option')
    return `no OpenAPI document at ${path} (given by --spec). Check the path or URL, or leave --spec out to use the copy \`${FETCH}\` keeps in your cache.`;
  if (source === 'env')
    return `no OpenAPI document at ${path} (given by OPENAI_MOCK_SPEC). Check the path or URL, or unset OPENAI_MOCK_SPEC to use the copy \`${FETCH}\` keeps in your cache.`;
  return `no OpenAPI document found (looked at ${searched.join(' and ')}). Download it once with: ${FETCH}`;
}

export class SpecNotFoundError extends Error {
  override name = 'SpecNotFoundError';
  readonly code = 'OPENAI_MOCK_SPEC_NOT_FOUND';
  readonly path: string;
  readonly source: SpecSource;
  /** Every place looked at (the default search checks more than one). */
  readonly searched: readonly string[];

  constructor(path: string, source: SpecSource, options?: { cause?: unknown; searched?: readonly string[] }) {
    const searched = options?.searched ?? [path];
    super(notFound(path, source, searched), options);
    this.path = path;
    this.source = source;
    this.searched = searched;
  }
}

export class SpecInvalidError extends Error {
  override name = 'SpecInvalidError';
  readonly code = 'OPENAI_MOCK_SPEC_INVALID';
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(
      `cannot use the OpenAPI document at ${path}: ${reason}. ` +
        `Fix: point --spec or OPENAI_MOCK_SPEC at an OpenAPI 3.1 document (JSON or YAML, a path or an http(s) URL), or run \`${FETCH}\`.`,
      options,
    );
    this.path = path;
  }
}

/** Type guards that survive duplicate installs and test-runner realms, unlike `instanceof`. */
export function isSpecNotFoundError(e: unknown): e is SpecNotFoundError {
  return (e as { code?: unknown } | null)?.code === 'OPENAI_MOCK_SPEC_NOT_FOUND';
}

export function isSpecInvalidError(e: unknown): e is SpecInvalidError {
  return (e as { code?: unknown } | null)?.code === 'OPENAI_MOCK_SPEC_INVALID';
}
