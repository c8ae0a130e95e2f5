import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The only key the fake accepts; tests assert it never reaches a cassette. */
export const UPSTREAM_KEY = 'sk-proj-UpstreamSecret0123456789abcdef';
export const UPSTREAM_ORG = 'org-SecretOrganization42';
/** Also accepted: a key without the `sk-` shape (a gateway's or Azure's), which no pattern would catch. */
export const GATEWAY_KEY = 'gw-team-7f3a9c2e51d84b06';

export interface FakeUpstream {
  url: string;
  /** Requests received, in order (method and path). */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A small stand-in for the real API: checks the key like OpenAI does, answers chat completions (JSON, SSE
 * with gaps between events, a cut stream, a 429), and sends the headers the real API sends, secrets included.
 */
export async function startFakeUpstream(options: { gapMs?: number } = {}): Promise<FakeUpstream> {
  const seen: string[] = [];
  const gap = options.gapMs ?? 15;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('openai-organization', UPSTREAM_ORG);
    res.setHeader('openai-project', 'proj_SecretProject');
    res.setHeader('set-cookie', ['__cf_bm=SecretCookieValue; path=/', '_cfuvid=another; path=/']);
    res.setHeader('x-ratelimit-remaining-requests', '499');
    if (
      req.headers.authorization !== `Bearer ${UPSTREAM_KEY}` &&
      req.headers.authorization !== `Bearer ${GATEWAY_KEY}`
    )
      return error(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, any>) : {};
    if (req.method === 'GET' && req.url === '/v1/models')
      return json(res, {
        object: 'list',
        data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }],
      });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions')
      return error(res, 404, `Invalid URL (${req.method} ${req.url})`, null);
    const prompt = String(body['messages']?.at(-1)?.content ?? '');
    if (prompt === 'rate-limit') {
      res.setHeader('retry-after', '1');
      return error(res, 429, 'Rate limit reached for gpt-4o-mini.', 'rate_limit_exceeded');
    }
    const words = `You said: ${prompt}`.split(' ');
    if (!body['stream']) {
      return json(res, {
        id: 'chatcmpl-fake1',
        object: 'chat.completion',
        created: 1750000000,
        model: body['model'],
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: words.join(' '), refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: words.length, total_tokens: 5 + words.length },
        // Real APIs echo things back; a key in a body must be scrubbed too.
        system_fingerprint: `fp_echo ${req.headers.authorization?.slice(7)}`,
      });
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': 'req_upstream_stream',
    });
    const chunk = (delta: object, finish: string | null) => ({
      id: 'chatcmpl-fake2',
      object: 'chat.completion.chunk',
      created: 1750000000,
      model: body['model'],
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
    const events = [
      chunk({ role: 'assistant', content: '' }, null),
      ...words.map((w, i) => chunk({ content: i ? ` ${w}` : w }, null)),
      chunk({}, 'stop'),
    ];
    for (const [i, e] of events.entries()) {
      res.write(`data: ${JSON.stringify(e)}\n\n`);
      if (prompt === 'cut' && i === 2) return void res.socket?.destroy();
      await new Promise((r) => setTimeout(r, gap));
    }
    res.end('data: [DONE]\n\n');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, value: unknown, status = 200) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value, null, 2));
}

function error(res: ServerResponse, status: number, message: string, code: string | null) {
  json(
    res,
    { error: { message, type: status === 429 ? 'requests' : 'invalid_request_error', param: null, code } },
    status,
  );
}

export type { IncomingMessage };
