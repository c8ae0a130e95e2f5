import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Engine } from '../../compose.js';
import {
  apiErrors,
  type HandleOptions,
  type MockRequest,
  toWire,
  type WireResponse,
} from '../../engine/index.js';
import { lazyCompilers } from './lazy-compilers.js';

export interface BuildAppOptions {
  engine: Engine;
  /** Largest accepted request body in bytes; larger ones get a 413. @default 64 MiB */
  bodyLimit?: number;
  /** Fastify's logger option. @default false */
  logger?: boolean;
}

const EXPOSED = ['x-request-id', 'retry-after', 'retry-after-ms', 'x-should-retry', 'openai-processing-ms'];
const RATE_HEADERS = ['requests', 'tokens'].flatMap((k) =>
  ['limit', 'remaining', 'reset'].map((w) => `x-ratelimit-${w}-${k}`),
);

/**
 * The fastify door: translation only. Every request goes to the engine as raw bytes; its wire answer is
 * written as it comes, streams chunk by chunk. Does not listen (tests use `inject`).
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
      void send(reply, toWire(mapped.toResponse()));
    },
    schemaController: { compilersFactory: lazyCompilers() },
  });
  await app.register(cors, { origin: true, exposedHeaders: [...EXPOSED, ...RATE_HEADERS], maxAge: 600 });
  // The engine parses bodies itself, so that malformed JSON gets the same answer behind every door.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler(async (error: { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // A client reads the answer only once it has sent its body: answering and closing mid-upload made the
      // SDK see a connection error (and retry). So the rest is read and dropped (up to a bound), then 413.
      await drain(request.raw, DRAIN_LIMIT);
      reply.header('connection', 'close');
      return send(reply, toWire(apiErrors.bodyTooLarge(bodyLimit).toResponse()));
    }
    return send(reply, toWire(apiErrors.serverError(String(error)).toResponse()));
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
      const handleOptions: HandleOptions = {
        get signal() {
          if (!aborted) {
            aborted = new AbortController();
            if (gone) aborted.abort(new Error('client closed the connection'));
          }
          return aborted.signal;
        },
      };
      const response = await engine.handle(toMockRequest(request), handleOptions);
      const isStream = response.body.kind === 'sse';
      return send(reply, toWire(response, isStream ? handleOptions.signal : undefined));
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

async function send(reply: FastifyReply, wire: WireResponse): Promise<FastifyReply> {
  if (wire.reset) {
    reply.raw.socket?.destroy();
    return reply.hijack();
  }
  const body = wire.body;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array)
    return reply
      .code(wire.status)
      .headers(wire.headers)
      .send(body ?? undefined);
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(wire.status, { ...(reply.getHeaders() as Record<string, string>), ...wire.headers });
  raw.flushHeaders();
  try {
    for await (const chunk of body) if (!raw.write(chunk)) await new Promise((r) => raw.once('drain', r));
    raw.end();
  } catch {
    // A cut: let what was written reach the client (Node corks chunked writes until the next tick), then drop.
    await new Promise((resolve) =>
      raw.socket ? raw.socket.write('', () => resolve(undefined)) : resolve(undefined),
    );
    raw.destroy();
  }
  return reply;
}
