import { createRandom, randomId } from '../../fixtures/index.js';
import type { ScriptedReply } from '../../fixtures/scripted/index.js';
import type { ChoicePlan, PlannedCall } from './plan.js';
import type { PromptTokens } from './prompt-tokens.js';

/** The fields every body and chunk of one completion shares. */
export interface CompletionHead {
  id: string;
  created: number;
  model: string;
  service_tier: string;
  system_fingerprint: string;
}

/** A model's fingerprint is stable (it names the backend configuration), so it is derived from the model. */
export function systemFingerprint(model: string): string {
  return randomId('fp', createRandom(`fingerprint:${model}`));
}

export function renderUsage(
  prompt: PromptTokens,
  choices: readonly ChoicePlan[],
  override: ScriptedReply['usage'],
) {
  const reasoning = choices.reduce((s, c) => s + c.reasoningTokens, 0);
  const completion =
    override?.completionTokens ?? choices.reduce((s, c) => s + c.outputTokens + c.reasoningTokens, 0);
  const promptTokens = override?.promptTokens ?? prompt.total;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function renderToolCall(call: PlannedCall) {
  return call.type === 'custom'
    ? { id: call.id, type: 'custom', custom: { name: call.name, input: call.arguments } }
    : { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

/** The `chat.completion` object, as the create endpoint returns it and the store keeps it. */
export function renderCompletion(
  head: CompletionHead,
  choices: readonly ChoicePlan[],
  usage: ReturnType<typeof renderUsage>,
) {
  return {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    choices: choices.map((c) => ({
      index: c.index,
      message: {
        role: 'assistant',
        content: c.content,
        refusal: c.refusal,
        ...(c.toolCalls.length && { tool_calls: c.toolCalls.map(renderToolCall) }),
        annotations: [],
      },
      logprobs: c.logprobs ? { content: c.logprobs, refusal: null } : null,
      finish_reason: c.finishReason,
    })),
    usage,
    service_tier: head.service_tier,
    system_fingerprint: head.system_fingerprint,
  };
}

export type ChatCompletionBody = ReturnType<typeof renderCompletion>;
