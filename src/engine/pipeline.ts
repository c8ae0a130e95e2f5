import type { Violation } from '../contract/index.js';
import { isMultipart } from './body.js';
import type { Middleware, RequestContext } from './context.js';
import { apiErrors, OpenAIHttpError } from './errors.js';
import { checkModelFits } from './model-fit.js';
import type { MockResponse, SseEvent } from './types.js';

/** Runs the middleware in order, then the simulator; each step may answer itself or wrap `next()`. */
export function runChain(
  ctx: RequestContext,
  middleware: readonly Middleware[],
  last: (ctx: RequestContext) => Promise<MockResponse> | MockResponse,
): Promise<MockResponse> {
  const step = async (i: number): Promise<MockResponse> => {
    const mw = middleware[i];
    return mw ? mw(ctx, () => step(i + 1)) : last(ctx);
  };
  return step(0);
}

/** Answers 401 as the real API does when a key is demanded and missing or not accepted. */
export function checkApiKey(ctx: RequestContext): void {
  const required = ctx.engine.options.requireApiKey;
  if (required === false) return;
  if (!ctx.apiKey) throw apiErrors.missingApiKey();
  if (required !== true && !required.includes(ctx.apiKey)) throw apiErrors.invalidApiKey(ctx.apiKey);
}

/** The `model` a request names, in a JSON or a multipart body. */
export function requestedModel(body: unknown): string | null {
  if (isMultipart(body)) {
    const m = body.fields['model'];
    return typeof m === 'string' ? m : null;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const m = (body as Record<string, unknown>)['model'];
    return typeof m === 'string' ? m : null;
  }
  return null;
}

/** Route to model: an unknown model is the real 404; a known one must be of a kind the endpoint serves. */
export function checkModel(ctx: RequestContext): void {
  const model = ctx.entry.model;
  if (model === null) return;
  const info = ctx.engine.models.find(model);
  if (!info) {
    if (ctx.engine.options.acceptAnyModel) return;
    throw apiErrors.modelNotFound(model);
  }
  checkModelFits(ctx.operation.id, info);
}

/** Request validation: `strict` answers the real API's 400, `warn` only notes the violations. */
export function validateRequest(ctx: RequestContext): void {
  const { contract, options } = ctx.engine;
  if (!contract || options.validation === 'off') return;
  const violations = contract.validateRequest(ctx.operation, {
    body: ctx.body,
    query: ctx.query,
    params: ctx.params,
    contentType: ctx.request.headers['content-type'],
  });
  if (!violations.length) return;
  if (options.validation === 'warn') {
    ctx.entry.validation.push(...violations);
    return;
  }
  const { status, body } = contract.toOpenAIError(violations);
  throw new OpenAIHttpError(status, body.error.message, { param: body.error.param, code: body.error.code });
}

/** With response checks on, every outgoing body and event is validated; violations go to the journal. */
export function checkResponse(ctx: RequestContext, response: MockResponse): MockResponse {
  const contract = ctx.engine.contract;
  if (!contract || !ctx.engine.options.checkResponses) return response;
  const body = response.body;
  const note = (vs: Violation[]) => {
    if (vs.length) ctx.entry.validation.push(...vs);
  };
  if (body.kind === 'json')
    note(contract.validateResponse(ctx.operation, response.status, body.value, 'application/json'));
  if (body.kind === 'sse') {
    const events = body.events;
    const checked: AsyncIterable<SseEvent> = {
      async *[Symbol.asyncIterator]() {
        for await (const event of events) {
          // `raw` events are deliberately malformed (fault injection), not the simulator's output.
          if (event.data !== '[DONE]' && event.raw === undefined)
            note(contract.validateStreamEvent(ctx.operation, event.data));
          yield event;
        }
      },
    };
    return { ...response, body: { kind: 'sse', events: checked } };
  }
  return response;
}

/** Anything thrown becomes an OpenAI-shaped answer: our own errors as they are, surprises as a 500. */
export function errorToResponse(error: unknown): MockResponse {
  if (error instanceof OpenAIHttpError) return error.toResponse();
  const message = error instanceof Error ? error.message : String(error);
  return apiErrors.serverError(message).toResponse();
}
