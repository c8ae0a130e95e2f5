export { formatFindings } from './format.js';
export { type FindingsApi, findingsFeature, installFindings } from './install.js';
export { type FindingsOptions, FindingsOptionsError } from './options.js';
export { FINDING_KINDS, type Finding, type FindingKind } from './types.js';
