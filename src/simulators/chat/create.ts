/**
 * `POST /chat/completions`: read the request (with the API's own 400s), count the prompt, plan each
 * choice from the scripted or generated reply, then answer with the body or its stream. Deterministic: the
 * content comes from a random stream seeded by the request, `created` from the engine's clock.
 */

import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { json, type OperationHandler, sse } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { type Random, SampleError } from '../../fixtures/index.js';
import type { ConversationView, ScriptedReply } from '../../fixtures/scripted/index.js';
import { generationMs, pacingFor } from './pacing.js';
import { type ChoicePlan, planChoices } from './plan.js';
import { checkContextWindow, countPrompt } from './prompt-tokens.js';
import { type CompletionHead, renderCompletion, renderUsage, systemFingerprint } from './render-body.js';
import { streamChunks } from './render-stream.js';
import { readChatRequest } from './request.js';
import { storeCompletion } from './stored.js';

async function createChatCompletion(ctx: RequestContext): Promise<MockResponse> {
  const req = readChatRequest(ctx);
  // This handler declares its conversation, so there is one (read once, shared with scripted rules).
  const view = (await ctx.conversation())!;
  const scripted = ctx.scriptedReply;
  const prompt = countPrompt(req, view);
  checkContextWindow(req, prompt);
  const random = ctx.random;
  const choices = plan(ctx, req, view, scripted, random);
  const head: CompletionHead = {
    id: ctx.engine.ids.next('chatcmpl', random.fork('id')),
    created: ctx.engine.timestamp(),
    model: req.model,
    service_tier: req.serviceTier,
    system_fingerprint: systemFingerprint(req.model),
  };
  const usage = renderUsage(prompt, choices, scripted?.usage);
  const completion = renderCompletion(head, choices, usage);
  if (req.store) await storeCompletion(ctx, completion, req.messages, req.metadata);
  const pacing = pacingFor(ctx, scripted);
  if (req.stream) {
    const input = {
      head,
      choices,
      usage,
      includeUsage: req.includeUsage,
      obfuscate: req.obfuscate,
      pacing,
      model: req.model,
      random: random.fork('obfuscation'),
    };
    return sse(streamChunks(ctx, input));
  }
  const wait = generationMs(pacing, usage.completion_tokens);
  if (wait > 0) await ctx.engine.clock.sleep(wait, ctx.signal);
  return json(completion);
}

function plan(
  ctx: RequestContext,
  req: ReturnType<typeof readChatRequest>,
  view: ConversationView,
  scripted: ScriptedReply | undefined,
  random: Random,
): ChoicePlan[] {
  try {
    return planChoices(ctx, req, view, scripted, random);
  } catch (error) {
    // A schema no value can satisfy is the caller's mistake, as it would be with the real API.
    if (error instanceof SampleError) {
      const where =
        view.responseFormat.type === 'json_schema'
          ? `response_format '${view.responseFormat.name}'`
          : 'a tool';
      throw new OpenAIHttpError(
        400,
        `Invalid schema for ${where}: ${error.message.replace(/^sampleSchema: /, '')}`,
        {
          param: where.startsWith('response') ? 'response_format' : 'tools',
          code: 'invalid_json_schema',
        },
      );
    }
    throw error;
  }
}

/**
 * Parameters that shape how the answer is cut or delivered rather than what the model says: left out of
 * the request's seed, so `stop` and `max_completion_tokens` cut the same answer the plain request gets,
 * and choice 0 reads the same whatever `n` is.
 */
const DELIVERY_PARAMS = new Set([
  'stop',
  'max_tokens',
  'max_completion_tokens',
  'n',
  'logprobs',
  'top_logprobs',
  'store',
  'metadata',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
  'stream',
  'stream_options',
]);

export const createChatCompletionHandler: OperationHandler = {
  operationId: 'createChatCompletion',
  method: 'POST',
  path: '/chat/completions',
  streaming: true,
  deliveryParams: DELIVERY_PARAMS,
  conversation: { api: 'chat' },
  handle: createChatCompletion,
};
