/** Errors a user sees when the OpenAPI document cannot be found or read. Match on `code`. */

export type SpecSource = 'option' | 'env' | 'default';

const FIX =
  'Fix: pass `--spec PATH`, set `OPENAI_MOCK_SPEC=/path/to/openapi.json`, or run `npm run spec:fetch` to download it.';

function howChosen(source: SpecSource): string {
  if (source === 'option') return 'given by the --spec option';
  if (source === 'env') return 'given by OPENAI_MOCK_SPEC';
  return 'the default location, ../shared/openai-openapi/openapi.json beside the project root';
}

export class SpecNotFoundError extends Error {
  override name = 'SpecNotFoundError';
  readonly code = 'OPENAI_MOCK_SPEC_NOT_FOUND';
  readonly path: string;
  readonly source: SpecSource;

  constructor(path: string, source: SpecSource, options?: { cause?: unknown }) {
    super(`openai-mock: no OpenAPI document at ${path} (${howChosen(source)}). ${FIX}`, options);
    this.path = path;
    this.source = source;
  }
}

export class SpecInvalidError extends Error {
  override name = 'SpecInvalidError';
  readonly code = 'OPENAI_MOCK_SPEC_INVALID';
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(
      `openai-mock: cannot use the OpenAPI document at ${path}: ${reason}. ` +
        'Fix: point `--spec` or `OPENAI_MOCK_SPEC` at an OpenAPI 3.1 document (JSON or YAML), ' +
        'or run `npm run spec:fetch` to download a fresh copy.',
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
