/**
 * The record room's errors. Each carries a stable `code`; branch on `code` (or `isCassetteError`) rather
 * than `instanceof`, which breaks when a test runner loads the package twice.
 */
export const CASSETTE_ERROR_CODES = {
  /** A cassette file is not valid JSON or not a cassette of a known version. */
  corrupt: 'OPENAI_MOCK_CASSETTE_CORRUPT',
  /** A mode, option or environment variable has a value the record room does not know. */
  badOption: 'OPENAI_MOCK_CASSETTE_BAD_OPTION',
  /** A request had no recording in `replay` mode. */
  miss: 'OPENAI_MOCK_CASSETTE_MISS',
  /** The upstream could not be reached while recording. */
  upstream: 'OPENAI_MOCK_CASSETTE_UPSTREAM',
} as const;

export type CassetteErrorCode = (typeof CASSETTE_ERROR_CODES)[keyof typeof CASSETTE_ERROR_CODES];

export class CassetteError extends Error {
  override name = 'CassetteError';
  readonly code: CassetteErrorCode;
  /** The cassette file concerned, when there is one. */
  readonly path: string | undefined;

  constructor(
    code: CassetteErrorCode,
    message: string,
    init: { path?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.path = init.path;
  }
}

export function isCassetteError(error: unknown): error is CassetteError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (Object.values(CASSETTE_ERROR_CODES) as string[]).includes(code);
}
