/**
 * Every operation no simulator owns. Resources the document describes (assistants, threads, vector stores,
 * evals, fine-tuning jobs, organization administration, videos, …) keep state in the resource layer;
 * everything else is answered from its success schema. With `missingResources: 'generate'` an id nobody
 * created is answered from the schema instead of the real 404, for suites that invent ids.
 */
import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { MockResponse } from '../../engine/types.js';
import { loadRealisticValues } from './realistic-values.js';
import { respondStateful } from './resources.js';
import { respondFromSchema } from './schema-answer.js';

export async function respondGeneric(ctx: RequestContext): Promise<MockResponse> {
  await loadRealisticValues();
  try {
    return (await respondStateful(ctx)) ?? respondFromSchema(ctx);
  } catch (error) {
    if (isMissing(ctx, error)) return respondFromSchema(ctx);
    throw error;
  }
}

/** The schema's answer alone, for a simulator's 404 under `missingResources: 'generate'`. */
export async function respondMissing(ctx: RequestContext): Promise<MockResponse> {
  await loadRealisticValues();
  return respondFromSchema(ctx);
}

function isMissing(ctx: RequestContext, error: unknown): boolean {
  return (
    ctx.engine.options.missingResources === 'generate' &&
    error instanceof OpenAIHttpError &&
    error.status === 404 &&
    ctx.operation.success !== undefined
  );
}
