/**
 * `POST /responses/input_tokens`: what a `POST /responses` with the same body would report as
 * `usage.input_tokens` — history (chain or conversation), instructions, input and function tools.
 */
import type { RequestContext } from '../../engine/context.js';
import { json } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { normalizeInput } from './input-items.js';
import type { Json } from './response-store.js';
import { countInputTokens } from './token-usage.js';
import { loadHistory } from './turn-history.js';

export async function countResponseInputTokens(ctx: RequestContext): Promise<MockResponse> {
  const body: Json = ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {};
  const model = typeof body['model'] === 'string' && body['model'] ? body['model'] : 'gpt-4o';
  const history = await loadHistory(ctx.engine, body);
  const input = await normalizeInput(ctx.engine, ctx.random.fork('input'), body['input']);
  const instructions = typeof body['instructions'] === 'string' ? body['instructions'] : null;
  const tools = Array.isArray(body['tools']) ? body['tools'] : [];
  const tokens = countInputTokens(model, instructions, [...history.items, ...input], tools);
  return json({ object: 'response.input_tokens', input_tokens: tokens });
}
