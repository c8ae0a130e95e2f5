import { createRequire } from 'node:module';
import cors from '@fastify/cors';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { apiErrors } from '../../engine/errors.js';
import {
  ConnectionCutError,
  encodeSseEvent,
  type HandleOptions,
  type MockRequest,
  type MockResponse,
  SSE_HEADERS,
} from '../../engine/index.js';

export interface BuildAppOptions {
  engine: Engine;
  /** Largest accepted request body in bytes; larger ones get a 413. @default 64 MiB */
  bodyLimit?: number;
  /** Fastify's logger option. @default false */
  logger?: boolean;
}

/**
 * The fastify door: translation only. Every request goes to the engine as raw bytes; whatever comes back is
 * written as JSON, bytes or a server-sent event stream. Does not listen (tests use `inject`).
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { engine } = options;
  const bodyLimit = options.bodyLimit ?? 64 * 1024 * 1024;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    forceCloseConnections: true,
    // A path that is not valid percent-encoding never reaches a route: answer it the API's way.
    frameworkErrors: (error, request, reply) => {
      const mapped =
        error.code === 'FST_ERR_BAD_URL'
          ? apiErrors.badUrl(request.raw.method ?? 'GET', request.raw.url ?? '/')
          : apiErrors.serverError(String(error));
      void send(reply, mapped.toResponse());
    },
    schemaController: { compilersFactory: lazyCompilers() },
  });
  keepDefaultValidatorSemantics(app);
  await app.register(cors, {
    origin: true,
    exposedHeaders: [
      'x-request-id',
      'retry-after',
      'retry-after-ms',
      'x-should-retry',
      'openai-processing-ms',
      ...['requests', 'tokens'].flatMap((k) =>
        ['limit', 'remaining', 'reset'].map((w) => `x-ratelimit-${w}-${k}`),
      ),
    ],
    maxAge: 600,
  });

  // The engine parses bodies itself, so that malformed JSON gets the same answer behind every door.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler(async (error: { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // A client reads the answer only once it has sent its body: answering and closing mid-upload made the
      // SDK see a connection error (and retry). So the rest is read and dropped (up to a bound), then 413.
      await drain(request.raw, DRAIN_LIMIT);
      reply.header('connection', 'close');
      return send(reply, apiErrors.bodyTooLarge(bodyLimit).toResponse());
    }
    return send(reply, apiErrors.serverError(String(error)).toResponse());
  });
  refuseOversizeBeforeContinue(app, bodyLimit);

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async (request, reply) => {
      const raw = reply.raw;
      let gone = false;
      let aborted: AbortController | undefined;
      // The response's close, not the request's: a request with a body emits 'close' once the body is read.
      raw.once('close', () => {
        if (raw.writableEnded) return;
        gone = true;
        aborted?.abort(new Error('client closed the connection'));
      });
      // The AbortController is built when something asks for the signal (pacing, hangs, streams): most
      // answers never do, and one per request was ~3% of a small request's CPU.
      const options: HandleOptions = {
        get signal() {
          if (!aborted) {
            aborted = new AbortController();
            if (gone) aborted.abort(new Error('client closed the connection'));
          }
          return aborted.signal;
        },
      };
      const response = await engine.handle(toMockRequest(request), options);
      return send(reply, response, options);
    },
  });
  return app;
}

/** At most this many bytes of an oversize body are read and dropped before the 413; past it, the socket is cut. */
const DRAIN_LIMIT = 256 * 1024 * 1024;

function drain(stream: NodeJS.ReadableStream & { readableEnded?: boolean; destroy(): void }, limit: number) {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let read = 0;
    const done = () => {
      stream.removeListener('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit) {
        stream.destroy();
        done();
      }
    };
    stream.on('data', onData);
    stream.once('end', done);
    stream.once('error', done);
    stream.once('close', done);
    stream.resume();
  });
}

/**
 * `Expect: 100-continue` (curl does it for bodies over 1 KiB): a declared length over the limit is refused
 * before the client sends the body, as a 413 it then reads, instead of `100 Continue` and a broken pipe.
 */
function refuseOversizeBeforeContinue(app: FastifyInstance, bodyLimit: number): void {
  app.server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length']) > bodyLimit) {
      const { status, body } = apiErrors.bodyTooLarge(bodyLimit).toResponse();
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(body.kind === 'json' ? body.value : {}));
      return;
    }
    res.writeContinue();
    app.server.emit('request', req, res);
  });
}

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type Factory = (...args: unknown[]) => unknown;

/**
 * Fastify requires its schema compilers (AJV and fast-json-stringify, ~25 ms) when an instance is created.
 * This door declares no route schemas, so they load when a route first needs one (a route a user adds to
 * `server.app`), not at every start. Resolved from fastify's own location, as fastify resolves them.
 */
function lazyCompilers(): CompilersFactory {
  const load = (id: string) =>
    (createRequire(createRequire(import.meta.url).resolve('fastify'))(id) as () => Factory)();
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  const buildValidator = (...args: unknown[]) => {
    validator ??= load('@fastify/ajv-compiler');
    return validator(...args);
  };
  const buildSerializer = (...args: unknown[]) => {
    serializer ??= load('@fastify/fast-json-stringify-compiler');
    return serializer(...args);
  };
  return {
    buildValidator: buildValidator as NonNullable<CompilersFactory['buildValidator']>,
    buildSerializer: buildSerializer as NonNullable<CompilersFactory['buildSerializer']>,
  };
}

/**
 * Passing compiler factories marks the validator compiler "custom", which makes fastify hand header
 * schemas over without lower-casing their keys; these are fastify's own compilers, so undo the mark.
 */
function keepDefaultValidatorSemantics(app: FastifyInstance): void {
  try {
    const { kSchemaController } = createRequire(createRequire(import.meta.url).resolve('fastify'))(
      './lib/symbols.js',
    ) as { kSchemaController?: symbol };
    const controller = kSchemaController && (app as any)[kSchemaController];
    if (controller && controller.isCustomValidatorCompiler === true)
      controller.isCustomValidatorCompiler = false;
  } catch {
    // another fastify layout: header schemas on user routes keep their keys as written
  }
}

function toMockRequest(request: FastifyRequest): MockRequest {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const req: MockRequest = {
    method: request.method,
    path: q === -1 ? url : url.slice(0, q),
    query: request.query as Record<string, string | string[]>,
    headers,
  };
  if (Buffer.isBuffer(request.body)) req.rawBody = request.body;
  return req;
}

async function send(
  reply: FastifyReply,
  response: MockResponse,
  options?: HandleOptions,
): Promise<FastifyReply> {
  if (response.connection === 'reset') {
    reply.raw.socket?.destroy();
    return reply.hijack();
  }
  reply.code(response.status).headers(response.headers);
  const body = response.body;
  switch (body.kind) {
    case 'json':
      return reply.type('application/json').send(JSON.stringify(body.value));
    case 'bytes':
      return reply
        .type(body.contentType)
        .send(Buffer.from(body.value.buffer, body.value.byteOffset, body.value.byteLength));
    case 'text':
      return reply.type(body.contentType).send(body.value);
    case 'none':
      return reply.send();
    case 'sse':
      return writeSse(reply, body.events, options?.signal);
  }
}

/** Streams events as they are produced; a cut (ConnectionCutError) drops the socket without an ending. */
async function writeSse(
  reply: FastifyReply,
  events: AsyncIterable<{ event?: string; data: unknown }>,
  signal?: AbortSignal,
) {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(reply.statusCode, { ...(reply.getHeaders() as Record<string, string>), ...SSE_HEADERS });
  raw.flushHeaders();
  const iterator = events[Symbol.asyncIterator]();
  try {
    while (!signal?.aborted) {
      const next = await iterator.next();
      if (next.done) break;
      if (!raw.write(encodeSseEvent(next.value))) await new Promise((r) => raw.once('drain', r));
    }
    raw.end();
  } catch (error) {
    if (!(error instanceof ConnectionCutError))
      raw.write(
        encodeSseEvent({
          event: 'error',
          data: { error: { message: String(error), type: 'server_error', param: null, code: null } },
        }),
      );
    // Let what was written reach the client before the drop (Node corks chunked writes until the next tick).
    await new Promise((resolve) =>
      raw.socket ? raw.socket.write('', () => resolve(undefined)) : resolve(undefined),
    );
    raw.destroy();
  } finally {
    await iterator.return?.();
  }
  return reply;
}
