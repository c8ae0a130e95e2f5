import type { Middleware } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { RuleSet } from '../../fixtures/core.js';
import { scriptedError } from './scripted-error.js';

/**
 * The `scripted` slot: finds the first rule that fires for a request whose simulator reads it as a
 * conversation (chat, Responses). An error reply is answered here; any other reply goes to the simulator as
 * `ctx.scriptedReply`, which renders it in its API's shape, streamed or not.
 */
export function scriptedMiddleware(rules: RuleSet, isStrict: () => boolean): Middleware {
  return async (ctx, next) => {
    if (!ctx.handler?.conversation) return next();
    const strict = isStrict();
    if (!strict && rules.rules().length === 0) return next();
    const view = (await ctx.conversation())!;
    const selection = rules.select(view, ctx.scope);
    if (!selection) {
      if (strict) throw new OpenAIHttpError(400, rules.explainMiss(view), { code: 'fixture_not_matched' });
      return next();
    }
    const { rule, reply } = selection;
    ctx.source = `fixture:${rule.name}`;
    if (reply.error) {
      const wait = reply.pacing?.firstTokenMs ?? 0;
      if (wait > 0) await ctx.engine.clock.sleep(wait, ctx.signal);
      throw scriptedError(reply.error, view.model);
    }
    ctx.scriptedReply = reply;
    return next();
  };
}
