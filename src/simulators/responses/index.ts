import type { OperationHandler } from '../../engine/handler.js';
import { createResponse } from './create-response.js';
import { countResponseInputTokens } from './input-tokens.js';
import { cancelResponse, deleteResponse, listInputItems, retrieveResponse } from './stored-responses.js';
import { loadHistory } from './turn-history.js';

const operations: OperationHandler[] = [
  {
    operationId: 'createResponse',
    method: 'POST',
    path: '/responses',
    streaming: true,
    // Scripted rules see the whole conversation a request continues (a chain or a conversation).
    conversation: {
      api: 'responses',
      history: async (ctx) => (await loadHistory(ctx.engine, ctx.body ?? {})).items,
    },
    handle: createResponse,
  },
  {
    operationId: 'getResponse',
    method: 'GET',
    path: '/responses/{response_id}',
    streaming: true,
    handle: retrieveResponse,
  },
  {
    operationId: 'deleteResponse',
    method: 'DELETE',
    path: '/responses/{response_id}',
    handle: deleteResponse,
  },
  {
    operationId: 'cancelResponse',
    method: 'POST',
    path: '/responses/{response_id}/cancel',
    handle: cancelResponse,
  },
  {
    operationId: 'listInputItems',
    method: 'GET',
    path: '/responses/{response_id}/input_items',
    handle: listInputItems,
  },
  {
    operationId: 'Getinputtokencounts',
    method: 'POST',
    path: '/responses/input_tokens',
    handle: countResponseInputTokens,
  },
];

/**
 * The Responses API: create (JSON, streamed, background), retrieve / resume, delete, cancel, input items
 * and input-token counts. The document's `?beta=true` variants of each answer the same way.
 */
export const responsesHandlers: OperationHandler[] = [
  ...operations,
  ...operations.map((op) => ({ ...op, operationId: `beta_${op.operationId}` })),
];
