/** The record room: cassettes of real traffic, recorded through any door and replayed by the engine. */

export type { CassetteSummary } from './cassette-book.js';
export { readCassette, stringifyCassette, writeCassette } from './cassette-file.js';
export { cassettePath } from './cassette-library.js';
export { CASSETTE_ERROR_CODES, CassetteError, type CassetteErrorCode, isCassetteError } from './errors.js';
export type {
  Cassette,
  CassetteMeta,
  Interaction,
  RecordedEvent,
  RecordedMultipart,
  RecordedRequest,
  RecordedRequestBody,
  RecordedResponse,
  RecordedResponseBody,
} from './format.js';
export { CASSETTE_VERSION } from './format.js';
export { formatCassetteReport } from './format-report.js';
export { CASSETTE_MODES, type CassetteMode, MODE_ENV, resolveMode } from './mode.js';
export { canonicalPath, DEFAULT_KEPT_HEADERS, type MatchOptions } from './normalize.js';
export { parseCassette } from './parse-cassette.js';
export {
  createRedactor,
  DEFAULT_REDACTED_HEADERS,
  OPENAI_KEY_PATTERN,
  type RedactOptions,
  type Redactor,
} from './redact.js';
export {
  type CassetteFileReport,
  type CassetteProblem,
  type CassetteReport,
  type ValidateCassettesOptions,
  validateCassettes,
} from './validate-cassettes.js';
