import type { RequestContext } from '../../engine/context.js';

/**
 * Earlier items a request builds on without repeating them (a Responses `previous_response_id` chain or a
 * `conversation`): the simulator that stores them registers a loader here, so rules can see the whole
 * conversation (e.g. which tool a `function_call_output` answers). Keyed by operationId.
 */
export type HistoryLoader = (ctx: RequestContext) => Promise<readonly unknown[]> | readonly unknown[];

const loaders = new Map<string, HistoryLoader>();

export function registerConversationHistory(operationId: string, loader: HistoryLoader): void {
  loaders.set(operationId, loader);
}

/** The earlier items for this request; none when no loader is registered or it fails (the simulator reports that). */
export async function conversationHistory(ctx: RequestContext): Promise<readonly unknown[]> {
  const loader = loaders.get(ctx.operation.id);
  if (!loader) return [];
  try {
    return await loader(ctx);
  } catch {
    return [];
  }
}
