// A node:http server on 127.0.0.1:0 that answers each request with the next scripted step: a status with
// headers and body, an SSE body written chunk by chunk (then ended, cut, or left hanging), a connection
// reset, or a hang. It records every request it receives, so tests can count attempts and read headers.
// It closes itself when the current test finishes.

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { onTestFinished } from 'vitest';

export type Step =
  | {
      status?: number;
      headers?: Record<string, string>;
      json?: unknown;
      body?: string | Uint8Array;
      /** Write this many bytes of the body, then destroy the socket. */
      cutAfterBytes?: number;
      /** Wait before answering. */
      delayMs?: number;
    }
  | { reset: true }
  | { hang: true }
  | {
      sse: Array<string | Uint8Array>;
      status?: number;
      headers?: Record<string, string>;
      /** Pause between chunks, so they leave as separate writes. @default 2 */
      chunkDelayMs?: number;
      /** After the last chunk. @default 'end' */
      after?: 'end' | 'reset' | 'hang';
    }
  | ((request: RecordedRequest, response: ServerResponse) => void);

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/files?limit=2`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Resolves when the client closes the connection (e.g. after aborting). */
  closed: Promise<void>;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Script = Step[] | ((index: number, request: RecordedRequest) => Step);

export async function startScriptedServer(
  script: Script,
  options: { autoClose?: boolean } = {},
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        closed,
      };
      const index = requests.push(recorded) - 1;
      const step = typeof script === 'function' ? script(index, recorded) : script[index];
      if (step === undefined) {
        // Not retried by any client, so an unexpected extra attempt shows up as a failure, not a loop.
        res.writeHead(418, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: `scripted server: no step for request #${index + 1}`, type: 'test_error' },
          }),
        );
        return;
      }
      void play(step, recorded, res);
    });
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const handle: ScriptedServer = {
    origin: `http://127.0.0.1:${port}`,
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
  if (options.autoClose ?? true) onTestFinished(() => handle.close());
  return handle;
}

async function play(step: Step, request: RecordedRequest, res: ServerResponse): Promise<void> {
  if (typeof step === 'function') return step(request, res);
  if ('reset' in step) return void res.socket?.destroy();
  if ('hang' in step) return;
  if ('sse' in step) {
    res.writeHead(step.status ?? 200, {
      'content-type': 'text/event-stream',
      'x-request-id': 'req_sse',
      ...step.headers,
    });
    res.flushHeaders();
    for (const chunk of step.sse) {
      await sleep(step.chunkDelayMs ?? 2);
      if (res.destroyed) return;
      res.write(chunk);
    }
    await sleep(step.chunkDelayMs ?? 2);
    if (step.after === 'reset') res.socket?.destroy();
    else if (step.after !== 'hang') res.end();
    return;
  }
  if (step.delayMs) await sleep(step.delayMs);
  const body = step.json !== undefined ? JSON.stringify(step.json) : (step.body ?? '');
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  const headers: Record<string, string> = {
    'x-request-id': `req_${request.method.toLowerCase()}_${Math.random().toString(36).slice(2, 8)}`,
    'content-length': String(bytes.length),
    ...(step.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...step.headers,
  };
  res.writeHead(step.status ?? 200, headers);
  if (step.cutAfterBytes !== undefined) {
    res.write(bytes.subarray(0, step.cutAfterBytes));
    await sleep(5);
    res.socket?.destroy();
    return;
  }
  res.end(bytes);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `data: <json>\n\n` for each value, then `data: [DONE]\n\n` unless `done` is false. */
export function sseText(values: unknown[], options: { done?: boolean; eol?: string } = {}): string {
  const eol = options.eol ?? '\n';
  const events = values.map((v) => `data: ${typeof v === 'string' ? v : JSON.stringify(v)}${eol}${eol}`);
  if (options.done ?? true) events.push(`data: [DONE]${eol}${eol}`);
  return events.join('');
}

/** Splits `text` (as UTF-8 bytes) at the given byte offsets. */
export function splitBytes(text: string, offsets: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const offset of [...offsets, bytes.length]) {
    out.push(bytes.subarray(start, offset));
    start = offset;
  }
  return out.filter((chunk) => chunk.length > 0);
}
