export {
  DEFAULT_CHAOS_KINDS,
  DEFAULT_MAX_HANG_MS,
  type FaultsApi,
  type FaultsOptions,
  faultsFeature,
  installFaults,
} from './install.js';
export type { FaultMatchInput, FaultRuleInput } from './parse-rule.js';
export { parseFaultSpec } from './parse-spec.js';
export {
  type FaultMatch,
  type FaultRule,
  FaultRuleError,
  type FaultRuleInfo,
  type FaultSpec,
  type FaultStep,
  type FaultType,
  HTTP_FAULT_KINDS,
  type HttpFault,
  type HttpFaultKind,
} from './types.js';
