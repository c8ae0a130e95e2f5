/**
 * A turn's output items, before limits and delivery: a reasoning item first for reasoning models, then
 * what the scripted reply (from the fixtures middleware) says, else a hosted tool's calls and message,
 * else the shared default reply (function calls, structured output or prose — the same answer chat gives).
 */

import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { countTokens, promptKeywords, type Random, SampleError, tokenPieces } from '../../fixtures/index.js';
import {
  type ConversationView,
  defaultReply,
  resolveToolCall,
  type ScriptedReply,
} from '../../fixtures/scripted/index.js';
import { tokenLogprobs } from '../chat/logprobs.js';
import { type HostedContext, prose } from './hosted-context.js';
import { builderFor, hostedToolFor } from './hosted-select.js';
import { itemId } from './input-items.js';
import type { ResponseRequest } from './response-request.js';
import type { Json } from './response-store.js';

export interface TurnPlan {
  output: Json[];
  reasoningTokens: number;
}

const hasContent = (r: ScriptedReply) =>
  r.text !== undefined || r.toolCalls !== undefined || r.json !== undefined || r.refusal !== undefined;

const EFFORT_TOKENS: Record<string, [number, number]> = {
  minimal: [0, 64],
  low: [64, 256],
  medium: [192, 768],
  high: [512, 2048],
  xhigh: [1024, 4096],
  max: [2048, 8192],
};

const VERBOSITY_TOKENS: Record<string, [number, number]> = { low: [12, 40], high: [90, 200] };

export async function planTurn(
  ctx: RequestContext,
  req: ResponseRequest,
  view: ConversationView,
  items: readonly Json[],
): Promise<TurnPlan> {
  try {
    return await planOutput(ctx, req, view, items);
  } catch (error) {
    // A user's schema no value can be built for (contradictory, or too complex) is a 400, never a 500.
    if (!(error instanceof SampleError)) throw error;
    const format = view.responseFormat.type === 'json_schema';
    throw new OpenAIHttpError(
      400,
      `Invalid schema for ${format ? `response_format '${view.responseFormat.name}'` : 'a tool'}: ${error.message.replace(/^sampleSchema: /, '')}`,
      { param: format ? 'text.format.schema' : 'tools', code: 'invalid_json_schema' },
    );
  }
}

async function planOutput(
  ctx: RequestContext,
  req: ResponseRequest,
  view: ConversationView,
  items: readonly Json[],
): Promise<TurnPlan> {
  const random = ctx.random.fork('turn');
  const scripted = ctx.scriptedReply;
  const h: HostedContext = { engine: ctx.engine, random: random.fork('hosted'), req, view, tool: {}, items };
  const output: Json[] = [];
  let reasoningTokens = 0;
  if (req.reasoning) {
    const text = scripted?.reasoning;
    reasoningTokens =
      text !== undefined
        ? countTokens(text, req.model)
        : random.fork('effort').int(...(EFFORT_TOKENS[req.effort] ?? EFFORT_TOKENS['medium']!));
    output.push(reasoningItem(h, text));
  }
  if (scripted && hasContent(scripted)) output.push(...(await render(h, scripted)));
  else {
    const tool = hostedToolFor(req, view, items);
    if (tool) output.push(...(await runHosted({ ...h, tool })));
    else {
      const range = VERBOSITY_TOKENS[req.verbosity];
      const targetTokens = range ? random.fork('length').int(...range) : undefined;
      const reply = defaultReply(view, {
        random: random.fork('reply'),
        model: req.model,
        ...(targetTokens !== undefined && { targetTokens }),
      });
      output.push(...(await render(h, reply)));
    }
  }
  return { output, reasoningTokens };
}

async function runHosted(h: HostedContext): Promise<Json[]> {
  const result = await builderFor(String(h.tool['type']))!(h);
  return result.message
    ? [...result.items, message(h, [textPart(h, result.message.text, result.message.annotations)])]
    : result.items;
}

/** A ScriptedReply as Responses output items: a message (text, JSON or refusal), then its calls. */
async function render(h: HostedContext, reply: ScriptedReply): Promise<Json[]> {
  const out: Json[] = [];
  const text = reply.text ?? (reply.json !== undefined ? JSON.stringify(reply.json) : undefined);
  const parts: Json[] = [];
  if (text !== undefined) parts.push(textPart(h, text, []));
  if (reply.refusal !== undefined) parts.push({ type: 'refusal', refusal: reply.refusal });
  if (parts.length) out.push(message(h, parts));
  let calls = reply.toolCalls ?? [];
  if (h.view.parallelToolCalls === false) calls = calls.slice(0, 1);
  for (const [k, call] of calls.entries()) {
    const hosted = h.req.tools.find((t) => t['type'] === call.name && builderFor(call.name));
    if (hosted) {
      out.push(...(await runHosted({ ...h, tool: hosted, random: h.random.fork(`hosted:${k}`) })));
      continue;
    }
    const random = h.random.fork(`call:${k}`);
    const resolved = resolveToolCall(call, h.view, random);
    const callId = resolved.id ?? h.engine.ids.next('call', random.fork('call-id'));
    out.push(
      resolved.type === 'custom'
        ? {
            type: 'custom_tool_call',
            id: itemId(h.engine, random, 'custom_tool_call'),
            call_id: callId,
            name: resolved.name,
            input: resolved.arguments,
          }
        : {
            type: 'function_call',
            id: itemId(h.engine, random, 'function_call'),
            call_id: callId,
            name: resolved.name,
            arguments: resolved.arguments,
            status: 'completed',
          },
    );
  }
  // A reply that says nothing still answers with an (empty) message, as a model that stops at once does.
  if (!out.length) out.push(message(h, [textPart(h, '', [])]));
  return out;
}

function message(h: HostedContext, content: Json[]): Json {
  return {
    id: itemId(h.engine, h.random.fork('message-id'), 'message'),
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content,
  };
}

function textPart(h: HostedContext, text: string, annotations: Json[]): Json {
  const logprobs = h.req.include.has('message.output_text.logprobs')
    ? tokenLogprobs(tokenPieces(text, h.req.model), h.req.topLogprobs, h.random.fork('logprobs'))
    : [];
  return { type: 'output_text', text, annotations, logprobs };
}

function reasoningItem(h: HostedContext, scripted: string | undefined): Json {
  const item: Json = {
    id: itemId(h.engine, h.random.fork('reasoning-id'), 'reasoning'),
    type: 'reasoning',
    summary: [],
  };
  if (h.req.summary) {
    const texts = scripted !== undefined ? [scripted] : summaryTexts(h);
    item['summary'] = texts.map((text) => ({ type: 'summary_text', text }));
  }
  if (h.req.include.has('reasoning.encrypted_content'))
    item['encrypted_content'] = encrypted(h.random.fork('encrypted'));
  return item;
}

/** Summaries read like the real ones: a bold heading, then a paragraph; `detailed` writes two. */
function summaryTexts(h: HostedContext): string[] {
  const topic = promptKeywords(h.view.lastUser || h.view.system, 3).join(' ') || 'the request';
  const count = h.req.summary === 'detailed' ? 2 : 1;
  return Array.from({ length: count }, (_, i) => {
    const heading = i === 0 ? `**Considering ${topic}**` : '**Drafting the answer**';
    return `${heading}\n\n${prose(h, `summary:${i}`, h.req.summary === 'concise' ? 24 : 48)}`;
  });
}

/** Opaque, Fernet-looking text: what a client round-trips with `store: false`. */
function encrypted(random: Random): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = 'gAAAAAB';
  for (let i = 0; i < 180; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return `${out}==`;
}
