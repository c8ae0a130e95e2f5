export type { BatchOptions, BatchTiming } from './batch-options.js';
export { type BatchesApi, batchesFeature, installBatches } from './batch-scheduler.js';
export type { BatchError, BatchObject, BatchStatus, BatchUsage } from './batch-types.js';
export type { BatchOutputLine } from './execute-line.js';
