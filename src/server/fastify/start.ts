import type { FastifyInstance } from 'fastify';
import { type CreateEngineOptions, createEngine, type Engine } from '../../compose.js';
import type { Journal } from '../../engine/journal.js';
import { buildApp } from './app.js';

export interface StartMockServerOptions extends CreateEngineOptions {
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 4010 (the port the official SDKs' own test suites expect) */
  port?: number;
  /** Largest accepted request body in bytes. @default 64 MiB */
  bodyLimit?: number;
  /** Serve an engine built elsewhere instead of creating one. */
  engine?: Engine;
  /** Fastify's logger. @default false */
  logger?: boolean;
}

export interface MockServer {
  /** Base URL for OpenAI clients, ending in `/v1`, e.g. `http://127.0.0.1:4010/v1`. */
  readonly url: string;
  /** `http://host:port`, for the admin API (`${origin}/__mock/journal`) and SDK-test-style base URLs. */
  readonly origin: string;
  readonly port: number;
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly journal: Journal;
  /** Clears state, journal, faults and runtime fixtures. */
  reset(): Promise<void>;
  /** Stops listening and closes open connections; safe to call twice. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts the fake OpenAI server and resolves once it listens. */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  const engine = options.engine ?? (await createEngine(options));
  const app = await buildApp({
    engine,
    ...(options.bodyLimit !== undefined && { bodyLimit: options.bodyLimit }),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 4010 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4010);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  const server: MockServer = {
    url: `${origin}/v1`,
    origin,
    port,
    engine,
    app,
    journal: engine.journal,
    reset: () => engine.reset(),
    close() {
      closing ??= (async () => {
        await app.close();
        if (!options.engine) await engine.close();
      })();
      return closing;
    },
    [Symbol.asyncDispose]: () => server.close(),
  };
  return server;
}
