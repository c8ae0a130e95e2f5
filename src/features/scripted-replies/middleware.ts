import type { Middleware } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { type ApiKind, conversationView, type RuleSet } from '../../fixtures/core.js';
import { conversationHistory } from './history.js';
import { scriptedError } from './scripted-error.js';

/** The operations a rule can answer, and the API whose request shape each reads. */
export const SCRIPTABLE_OPERATIONS: Readonly<Record<string, ApiKind>> = {
  createChatCompletion: 'chat',
  createResponse: 'responses',
};

/**
 * The `fixtures` slot: finds the first rule that fires for a chat or Responses request. An error reply is
 * answered here; any other reply goes to the simulator as `ctx.locals.scriptedReply` (with the view as
 * `ctx.locals.conversation`), which renders it in its API's shape, streamed or not.
 */
export function scriptedMiddleware(rules: RuleSet, isStrict: () => boolean): Middleware {
  return async (ctx, next) => {
    const api = SCRIPTABLE_OPERATIONS[ctx.operation.id];
    if (!api) return next();
    const strict = isStrict();
    if (!strict && rules.rules().length === 0) return next();
    const view = conversationView(ctx.body, api, await conversationHistory(ctx));
    ctx.locals['conversation'] = view;
    const selection = rules.select(view, ctx.scope);
    if (!selection) {
      if (strict) throw new OpenAIHttpError(400, rules.explainMiss(view), { code: 'fixture_not_matched' });
      return next();
    }
    const { rule, reply } = selection;
    ctx.entry.source = `fixture:${rule.name}`;
    if (reply.error) {
      const wait = reply.pacing?.firstTokenMs ?? 0;
      if (wait > 0) await ctx.engine.clock.sleep(wait, ctx.signal);
      throw scriptedError(reply.error, view.model);
    }
    ctx.locals['scriptedReply'] = reply;
    return next();
  };
}
