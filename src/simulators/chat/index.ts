import type { OperationHandler } from '../../engine/handler.js';
import { createChatCompletionHandler } from './create.js';
import { storedCompletionHandlers } from './stored.js';

/** The chat-completions simulator: create (plain and streamed) and the stored-completions endpoints. */
export const chatHandlers: OperationHandler[] = [createChatCompletionHandler, ...storedCompletionHandlers];

export { type Pacing, pacingFor } from './pacing.js';
