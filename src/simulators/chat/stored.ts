/**
 * Stored completions (`store: true`): listable with a metadata and model filter, retrievable, their
 * metadata updatable, deletable, and their request messages listable — through the engine's store
 * interface, so a shared store can back several servers.
 */

import type { RequestContext } from '../../engine/context.js';
import { apiErrors, OpenAIHttpError } from '../../engine/errors.js';
import { json, type OperationHandler } from '../../engine/handler.js';
import type { Store } from '../../engine/store.js';
import { contentText } from '../../fixtures/scripted/index.js';
import { paginate } from './paginate.js';
import type { ChatCompletionBody } from './render-body.js';

export interface StoredCompletion {
  completion: ChatCompletionBody;
  /** The request's messages, as sent. */
  messages: unknown[];
  metadata: Record<string, string>;
}

export const completionStore = (ctx: RequestContext): Store<StoredCompletion> =>
  ctx.engine.stores.store<StoredCompletion>('chat-completions');

export async function storeCompletion(
  ctx: RequestContext,
  completion: ChatCompletionBody,
  messages: unknown[],
  metadata: Record<string, string> | null,
) {
  await completionStore(ctx).set(completion.id, { completion, messages, metadata: { ...metadata } });
}

const withMetadata = (s: StoredCompletion) => ({ ...s.completion, metadata: s.metadata });

async function find(ctx: RequestContext): Promise<StoredCompletion> {
  const id = ctx.params['completion_id']!;
  const stored = await completionStore(ctx).get(id);
  if (!stored) throw apiErrors.notFound('chat completion', id, 'completion_id');
  return stored;
}

/** `metadata[key]=value` as the SDKs send it, or a nested object when the query parser built one. */
function metadataFilter(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m && typeof value === 'string') out[m[1]!] = value;
  }
  const nested = query['metadata'];
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function messageView(completionId: string, message: unknown, index: number) {
  const m = (message && typeof message === 'object' ? message : {}) as Record<string, unknown>;
  const parts = Array.isArray(m['content'])
    ? m['content'].filter(
        (p) =>
          p && typeof p === 'object' && ['text', 'image_url'].includes((p as { type?: string }).type ?? ''),
      )
    : null;
  const text = contentText(m['content']);
  return {
    id: `${completionId}-${index}`,
    role: m['role'],
    content: m['content'] == null && !text ? null : text,
    refusal: typeof m['refusal'] === 'string' ? m['refusal'] : null,
    name: typeof m['name'] === 'string' ? m['name'] : null,
    content_parts: parts,
    ...(Array.isArray(m['tool_calls']) && { tool_calls: m['tool_calls'] }),
  };
}

export const storedCompletionHandlers: OperationHandler[] = [
  {
    operationId: 'listChatCompletions',
    method: 'GET',
    path: '/chat/completions',
    async handle(ctx) {
      const filter = metadataFilter(ctx.query);
      const model = typeof ctx.query['model'] === 'string' ? ctx.query['model'] : undefined;
      const all = (await completionStore(ctx).list()).filter(
        (s) =>
          (!model || s.completion.model === model) &&
          Object.entries(filter).every(([k, v]) => s.metadata[k] === v),
      );
      return json({ object: 'list', ...paginate(all.map(withMetadata), ctx.query, 'chat completion') });
    },
  },
  {
    operationId: 'getChatCompletion',
    method: 'GET',
    path: '/chat/completions/{completion_id}',
    handle: async (ctx) => json(withMetadata(await find(ctx))),
  },
  {
    operationId: 'updateChatCompletion',
    method: 'POST',
    path: '/chat/completions/{completion_id}',
    async handle(ctx) {
      const stored = await find(ctx);
      const metadata = (ctx.body as { metadata?: unknown } | undefined)?.metadata;
      if (metadata === undefined)
        throw new OpenAIHttpError(400, "Missing required parameter: 'metadata'.", {
          param: 'metadata',
          code: 'missing_required_parameter',
        });
      const next = {
        ...stored,
        metadata: metadata && typeof metadata === 'object' ? { ...(metadata as Record<string, string>) } : {},
      };
      await completionStore(ctx).set(stored.completion.id, next);
      return json(withMetadata(next));
    },
  },
  {
    operationId: 'deleteChatCompletion',
    method: 'DELETE',
    path: '/chat/completions/{completion_id}',
    async handle(ctx) {
      const stored = await find(ctx);
      await completionStore(ctx).delete(stored.completion.id);
      return json({ object: 'chat.completion.deleted', id: stored.completion.id, deleted: true });
    },
  },
  {
    operationId: 'getChatCompletionMessages',
    method: 'GET',
    path: '/chat/completions/{completion_id}/messages',
    async handle(ctx) {
      const stored = await find(ctx);
      const messages = stored.messages.map((m, i) => messageView(stored.completion.id, m, i));
      return json({ object: 'list', ...paginate(messages, ctx.query, 'message') });
    },
  },
];
