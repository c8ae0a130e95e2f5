import type { OperationHandler } from '../handler.js';
import { modelHandlers } from './models.js';

/**
 * Every simulated operation, found by operationId. Operations not listed here are answered by the generic
 * responder from their schema. One line per API area.
 */
export const simulators: readonly OperationHandler[] = [...modelHandlers];
