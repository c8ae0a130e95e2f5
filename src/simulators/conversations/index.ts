/**
 * The Conversations API: a conversation is a list of items that Responses created with `conversation`
 * append their input and output to (and read as their history). Create / retrieve / update / delete the
 * conversation, and add, list, get and delete its items.
 */
import type { RequestContext } from '../../engine/context.js';
import { json, type OperationHandler } from '../../engine/handler.js';
import { pageOf, readPageQuery } from '../files/list-page.js';
import { normalizeInput } from '../responses/input-items.js';
import { responseErrors } from '../responses/response-errors.js';
import { indexItems, type Json } from '../responses/response-store.js';
import { appendConversationItems, conversationStore, requireConversation } from './conversation-store.js';

const bodyOf = (ctx: RequestContext): Json =>
  ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {};
const metadataOf = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' ? (v as Record<string, string>) : {};

async function createConversation(ctx: RequestContext) {
  const body = bodyOf(ctx);
  const id = ctx.engine.ids.next('conv', ctx.random.fork('conversation-id'));
  const items = await normalizeInput(ctx.engine, ctx.random.fork('items'), body['items'] ?? []);
  const conversation = {
    id,
    object: 'conversation' as const,
    created_at: ctx.engine.timestamp(),
    metadata: metadataOf(body['metadata']),
  };
  await conversationStore(ctx.engine).set(id, { conversation, items });
  await indexItems(ctx.engine, items);
  return json(conversation);
}

async function retrieveConversation(ctx: RequestContext) {
  return json((await requireConversation(ctx.engine, ctx.params['conversation_id']!)).conversation);
}

async function updateConversation(ctx: RequestContext) {
  const stored = await requireConversation(ctx.engine, ctx.params['conversation_id']!);
  const conversation = { ...stored.conversation, metadata: metadataOf(bodyOf(ctx)['metadata']) };
  await conversationStore(ctx.engine).set(conversation.id, { ...stored, conversation });
  return json(conversation);
}

async function deleteConversation(ctx: RequestContext) {
  const stored = await requireConversation(ctx.engine, ctx.params['conversation_id']!);
  await conversationStore(ctx.engine).delete(stored.conversation.id);
  return json({ id: stored.conversation.id, object: 'conversation.deleted', deleted: true });
}

async function createItems(ctx: RequestContext) {
  const stored = await requireConversation(ctx.engine, ctx.params['conversation_id']!);
  const items = await normalizeInput(ctx.engine, ctx.random.fork('items'), bodyOf(ctx)['items'] ?? []);
  await appendConversationItems(ctx.engine, stored.conversation.id, items);
  return json({
    object: 'list',
    data: items,
    first_id: items[0]?.['id'] ?? '',
    last_id: items.at(-1)?.['id'] ?? '',
    has_more: false,
  });
}

/** Newest first by default, as the real API lists them. */
async function listItems(ctx: RequestContext) {
  const stored = await requireConversation(ctx.engine, ctx.params['conversation_id']!);
  const q = readPageQuery(ctx.query, { defaultLimit: 20, maxLimit: 100, defaultOrder: 'desc' });
  const items = [...stored.items] as Array<Json & { id: string }>;
  if (q.order === 'desc') items.reverse();
  return json(
    pageOf(
      items,
      q,
      () => true,
      (item) => item,
    ),
  );
}

async function findItem(ctx: RequestContext) {
  const stored = await requireConversation(ctx.engine, ctx.params['conversation_id']!);
  const id = ctx.params['item_id']!;
  const item = stored.items.find((i) => i['id'] === id);
  if (!item) throw responseErrors.itemNotFound(id);
  return { stored, item };
}

async function deleteItem(ctx: RequestContext) {
  const { stored, item } = await findItem(ctx);
  await conversationStore(ctx.engine).set(stored.conversation.id, {
    ...stored,
    items: stored.items.filter((i) => i !== item),
  });
  return json(stored.conversation);
}

export const conversationHandlers: OperationHandler[] = [
  { operationId: 'createConversation', method: 'POST', path: '/conversations', handle: createConversation },
  {
    operationId: 'getConversation',
    method: 'GET',
    path: '/conversations/{conversation_id}',
    handle: retrieveConversation,
  },
  {
    operationId: 'updateConversation',
    method: 'POST',
    path: '/conversations/{conversation_id}',
    handle: updateConversation,
  },
  {
    operationId: 'deleteConversation',
    method: 'DELETE',
    path: '/conversations/{conversation_id}',
    handle: deleteConversation,
  },
  {
    operationId: 'createConversationItems',
    method: 'POST',
    path: '/conversations/{conversation_id}/items',
    handle: createItems,
  },
  {
    operationId: 'listConversationItems',
    method: 'GET',
    path: '/conversations/{conversation_id}/items',
    handle: listItems,
  },
  {
    operationId: 'getConversationItem',
    method: 'GET',
    path: '/conversations/{conversation_id}/items/{item_id}',
    handle: async (ctx) => json((await findItem(ctx)).item),
  },
  {
    operationId: 'deleteConversationItem',
    method: 'DELETE',
    path: '/conversations/{conversation_id}/items/{item_id}',
    handle: deleteItem,
  },
];
