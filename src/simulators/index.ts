import type { OperationHandler } from '../engine/handler.js';
import { audioHandlers } from './audio/index.js';
import { batchHandlers } from './batches/index.js';
import { chatHandlers } from './chat/index.js';
import { completionHandlers } from './completions/index.js';
import { conversationHandlers } from './conversations/index.js';
import { embeddingHandlers } from './embeddings.js';
import { fileHandlers } from './files/index.js';
import { imageHandlers } from './images/index.js';
import { modelHandlers } from './models.js';
import { moderationHandlers } from './moderations.js';
import { responsesHandlers } from './responses/index.js';
import { uploadHandlers } from './uploads/index.js';

/**
 * Every simulated operation, found by operationId. Operations not listed here are answered by the generic
 * responder from their schema. One line per API area.
 */
export const simulators: readonly OperationHandler[] = [
  ...modelHandlers,
  ...chatHandlers,
  ...embeddingHandlers,
  ...fileHandlers,
  ...uploadHandlers,
  ...batchHandlers,
  ...responsesHandlers,
  ...conversationHandlers,
  ...completionHandlers,
  ...imageHandlers,
  ...moderationHandlers,
  ...audioHandlers,
];
