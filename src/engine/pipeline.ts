import { randomUUID } from 'node:crypto';
import type { Violation } from '../contract/index.js';
import { ADMIN_PREFIX } from './admin.js';
import { parseBody } from './body.js';
import { checkContentType } from './content-type-check.js';
import {
  bearerKey,
  Context,
  type EngineCore,
  type Middleware,
  type RequestContext,
  type ResponseObserver,
} from './context.js';
import { apiErrors, OpenAIHttpError } from './errors.js';
import type { JournalEntry } from './journal.js';
import { checkModelFits } from './model-fit.js';
import type { OperationTable } from './operations.js';
import type { HandleOptions, MockRequest, MockResponse, SseEvent } from './types.js';
import { checkUnknownParameters } from './unknown-params.js';

/**
 * The request path, one stage after the other; none calls back into an earlier one:
 *
 *  admit          parse the body, route to the operation and its simulator, build the context
 *  authenticate   the API key, when one is demanded
 *  validate       the request against the document (strict: 400; warn: noted)
 *  route to model the model the request names (`ctx.model`), checked in the chain's `model` slot
 *  middleware     the features, slot by slot: faults, rate-limits, replay, model, scripted
 *  simulate       the operation's simulator, or the generic responder
 *  check          the response (and each event) against the document, when response checks are on
 *  finish         the journal entry, written once; response observers (findings); standard headers
 */
export const PIPELINE_STAGES = [
  'admit',
  'authenticate',
  'validate',
  'route to model',
  'middleware',
  'simulate',
  'check',
  'finish',
] as const;

export interface PipelineParts {
  engine: EngineCore;
  operations: OperationTable;
  /** The middleware in slot order (the list changes as features install). */
  middleware(): readonly Middleware[];
  /** Features that watch every answer (`engine.onResponse`). */
  observers: readonly ResponseObserver[];
  /** Admin requests (`/__mock/…`) go here instead of through the stages. */
  admin(request: MockRequest): Promise<MockResponse>;
}

export async function runPipeline(
  parts: PipelineParts,
  request: MockRequest,
  options: HandleOptions,
): Promise<MockResponse> {
  const started = performance.now();
  const requestId = `req_${randomUUID().replaceAll('-', '')}`;
  if (request.path.startsWith(ADMIN_PREFIX))
    return withStandardHeaders(await parts.admin(request).catch(errorToResponse), requestId, started);
  const time = parts.engine.clock.now();
  let ctx: Context | undefined;
  let response: MockResponse;
  try {
    ctx = await admit(parts, request, requestId, options);
    authenticate(ctx);
    validate(ctx);
    response = check(ctx, await runChain(ctx, parts.middleware(), (c) => parts.operations.simulate(c)));
  } catch (error) {
    response = errorToResponse(error);
  }
  const entry = journalEntry(request, requestId, time, started, ctx, response);
  if (parts.observers.length) response = observe(parts.observers, request, response, entry, options);
  parts.engine.journal.add(entry);
  return withStandardHeaders(response, requestId, started);
}

/** admit: the body parsed by content type, the operation found, the context built. */
async function admit(
  parts: PipelineParts,
  request: MockRequest,
  requestId: string,
  options: HandleOptions,
): Promise<Context> {
  const body = await parseBody(request, parts.engine.options.limits);
  const { operation, params, handler } = await parts.operations.find(
    request.method,
    request.path,
    request.query,
  );
  return new Context({
    engine: parts.engine,
    request,
    requestId,
    operation,
    params,
    handler,
    body,
    seed: parts.engine.options.seed,
    options,
  });
}

/** authenticate: 401 as the real API answers when a key is demanded and missing or not accepted. */
function authenticate(ctx: RequestContext): void {
  const required = ctx.engine.options.requireApiKey;
  if (required === false) return;
  if (!ctx.apiKey) throw apiErrors.missingApiKey();
  if (required !== true && !required.includes(ctx.apiKey)) throw apiErrors.invalidApiKey(ctx.apiKey);
}

/** validate: `strict` answers the real API's 400, `warn` only notes the violations. */
function validate(ctx: RequestContext): void {
  const { contract, options } = ctx.engine;
  if (!contract || options.validation === 'off') return;
  checkContentType(ctx);
  checkUnknownParameters(ctx);
  const violations = contract.validateRequest(ctx.operation, {
    body: ctx.body,
    query: ctx.query,
    params: ctx.params,
    contentType: ctx.request.headers['content-type'],
  });
  if (!violations.length) return;
  if (options.validation === 'warn') {
    ctx.violations.push(...violations);
    return;
  }
  const { status, body } = contract.toOpenAIError(violations);
  throw new OpenAIHttpError(status, body.error.message, { param: body.error.param, code: body.error.code });
}

/**
 * route to model, at the chain's `model` slot: a model the catalog lacks gets the real API's 404, a known
 * one must be of a kind the endpoint serves. It sits after `replay`, so recorded traffic may name models
 * the simulated catalog does not know.
 */
export const checkModel: Middleware = (ctx, next) => {
  const model = ctx.model;
  if (model === null) return next();
  const info = ctx.engine.models.find(model);
  if (!info) {
    if (!ctx.engine.options.acceptAnyModel) throw apiErrors.modelNotFound(model);
  } else if (!ctx.engine.options.conformance) checkModelFits(ctx.operation.id, info);
  return next();
};

/** middleware: each step may answer itself or wrap `next()`; the simulator is the last. */
export function runChain(
  ctx: RequestContext,
  middleware: readonly Middleware[],
  last: (ctx: RequestContext) => Promise<MockResponse>,
): Promise<MockResponse> {
  const step = async (i: number): Promise<MockResponse> => {
    const mw = middleware[i];
    return mw ? mw(ctx, () => step(i + 1)) : last(ctx);
  };
  return step(0);
}

/** check: with response checks on, every outgoing body and event is validated; violations are noted. */
function check(ctx: RequestContext, response: MockResponse): MockResponse {
  const contract = ctx.engine.contract;
  if (!contract || !ctx.engine.options.checkResponses) return response;
  const body = response.body;
  const note = (vs: Violation[]) => {
    if (vs.length) ctx.violations.push(...vs);
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

/**
 * finish: the journal entry, from the context's fields. Written when the answer is handed back; stream
 * events checked later still reach it, because `validation` is the context's own list.
 */
function journalEntry(
  request: MockRequest,
  requestId: string,
  time: number,
  started: number,
  ctx: Context | undefined,
  response: MockResponse,
): JournalEntry {
  return {
    id: requestId,
    time,
    method: request.method,
    path: request.path,
    query: request.query,
    operationId: ctx?.operation.id ?? null,
    scope: request.headers['x-mock-test-id'] ?? null,
    model: ctx?.model ?? null,
    stream: ctx?.stream ?? false,
    status: response.connection === 'reset' ? 0 : response.status,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
    validation: ctx?.violations ?? [],
    fault: ctx?.fault ?? null,
    source: ctx?.source ?? null,
    findings: [],
  };
}

/** finish: each observer sees the answer and its entry, and may hand back a replacement (a watched stream). */
function observe(
  observers: readonly ResponseObserver[],
  request: MockRequest,
  answer: MockResponse,
  entry: JournalEntry,
  options: HandleOptions,
): MockResponse {
  let response = answer;
  const apiKey = bearerKey(request.headers);
  for (const fn of observers)
    response =
      fn({
        request,
        response,
        entry,
        apiKey,
        get signal() {
          return options.signal;
        },
      }) ?? response;
  return response;
}

/** finish: headers the real API sends on every response. */
function withStandardHeaders(response: MockResponse, requestId: string, started: number): MockResponse {
  response.headers['x-request-id'] = requestId;
  response.headers['openai-version'] ??= '2020-10-01';
  response.headers['openai-processing-ms'] ??= String(Math.max(1, Math.round(performance.now() - started)));
  return response;
}

/** Anything thrown becomes an OpenAI-shaped answer: our own errors as they are, surprises as a 500. */
export function errorToResponse(error: unknown): MockResponse {
  if (error instanceof OpenAIHttpError) return error.toResponse();
  const message = error instanceof Error ? error.message : String(error);
  return apiErrors.serverError(message).toResponse();
}
