/** The contract room: the OpenAPI document, its operations, and validation against it. */

export type { SpecSource } from './contract-errors.js';
export {
  isSpecInvalidError,
  isSpecNotFoundError,
  SpecInvalidError,
  SpecNotFoundError,
} from './contract-errors.js';
export { createContract } from './create-contract.js';
export { type DocumentModel, modelsInDocument } from './document-models.js';
export { loadContract } from './load-contract.js';
export { locateSpec, packageRoot } from './locate-spec.js';
export { apiParam } from './openai-error.js';
export {
  cachedSpecPath,
  DEFAULT_SPEC_SOURCE,
  FETCH_COMMAND,
  type FetchedSpec,
  type FetchSpecOptions,
  fetchSpec,
  PINNED_SPEC_REF,
  specCacheDir,
} from './spec-cache.js';
export { checkChatStream } from './streams/chat-stream.js';
export { checkResponseStream, type ResponseStreamCheckOptions } from './streams/response-stream.js';
export type {
  CompileReport,
  Contract,
  ContractStats,
  CreateContractMeta,
  LoadOptions,
  LocateOptions,
  MatchResult,
  NormalizeStats,
  OpenAIErrorResponse,
  Operation,
  RequestParts,
  Violation,
} from './types.js';
