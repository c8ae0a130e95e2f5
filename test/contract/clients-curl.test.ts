import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { checkChatStream } from '../../src/contract/streams/chat-stream.js';
import { checkResponseStream } from '../../src/contract/streams/response-stream.js';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';

const run = promisify(execFile);

const curl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const server = await useMockServer();
const dir = await mkdtemp(join(tmpdir(), 'openai-mock-curl-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

interface CurlResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

let calls = 0;
/** Runs curl as a user would, with the base URL of the README: headers and body go to files, the status to stdout. */
async function curlTo(path: string, args: string[]): Promise<CurlResult> {
  const n = calls++;
  const headerFile = join(dir, `h${n}`);
  const bodyFile = join(dir, `b${n}`);
  const { stdout } = await run(
    'curl',
    [
      '-sS',
      '-D',
      headerFile,
      '-o',
      bodyFile,
      '-w',
      '%{http_code}',
      '-H',
      'Authorization: Bearer sk-test-key',
      ...args,
      `${server.url}${path}`,
    ],
    { timeout: 10_000 },
  );
  const headers: Record<string, string> = {};
  // Only the last header block counts (a multipart upload may get a `100 Continue` first).
  const blocks = (await readFile(headerFile, 'utf8')).trim().split(/\r?\n\r?\n/);
  for (const line of blocks.at(-1)!.split(/\r?\n/).slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(stdout), headers, body: await readFile(bodyFile, 'utf8') };
}

const json = ['-H', 'Content-Type: application/json'];

describe.skipIf(!curl)('curl', () => {
  it('creates a chat completion', async () => {
    const res = await curlTo('/chat/completions', [
      ...json,
      '-d',
      JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Say something about Kyoto' }],
      }),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(body.choices[0].message.content).toContain('Kyoto');
    expect(body.usage.completion_tokens).toBe(countTokens(body.choices[0].message.content, 'gpt-4o-mini'));
  });

  it('streams a chat completion with -N, ending in data: [DONE]', async () => {
    const res = await curlTo('/chat/completions', [
      '-N',
      ...json,
      '-d',
      JSON.stringify({
        model: 'gpt-4o-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Say something about Kyoto' }],
      }),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.body.endsWith('data: [DONE]\n\n')).toBe(true);
    const events = res.body
      .split('\n\n')
      .filter((block) => block !== '')
      .map((block) => {
        expect(block).toMatch(/^data: /);
        return block.slice('data: '.length);
      });
    expect(checkChatStream(events)).toEqual([]);
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toContain('Kyoto');
    expect(chunks.at(-1).usage.completion_tokens).toBe(countTokens(text, 'gpt-4o-mini'));
  });

  it('streams a response with -N: named events whose data carries the same type, one terminal event', async () => {
    const res = await curlTo('/responses', [
      '-N',
      ...json,
      '-d',
      JSON.stringify({ model: 'gpt-4o-mini', stream: true, input: 'Say something about Kyoto' }),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body
      .split('\n\n')
      .filter((block) => block !== '')
      .map((block) => {
        const [, name, data] = /^event: (.+)\ndata: (.+)$/.exec(block) ?? [];
        expect(name, block).toBeDefined();
        const event = JSON.parse(data!);
        expect(event.type).toBe(name);
        return event;
      });
    expect(checkResponseStream(events)).toEqual([]);
    expect(events.at(-1).type).toBe('response.completed');
    expect(events.at(-1).response.output_text ?? events.at(-1).response.output[0].content[0].text).toContain(
      'Kyoto',
    );
  });

  it('answers malformed JSON with a 400 and the OpenAI error body', async () => {
    const res = await curlTo('/chat/completions', [...json, '-d', '{"model": "gpt-4o", "messages": [']);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    expect(JSON.parse(res.body)).toEqual({
      error: {
        message: expect.stringMatching(/^We could not parse the JSON body of your request\./),
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('uploads a batch input file as multipart form data (-F file=@… -F purpose=batch)', async () => {
    const path = join(dir, 'batch-input.jsonl');
    const lines = [1, 2].map((i) =>
      JSON.stringify({
        custom_id: `req-${i}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Question ${i}` }] },
      }),
    );
    const content = `${lines.join('\n')}\n`;
    await writeFile(path, content);
    const res = await curlTo('/files', ['-F', `file=@${path}`, '-F', 'purpose=batch']);
    expect(res.status).toBe(200);
    const file = JSON.parse(res.body);
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'batch-input.jsonl',
      bytes: Buffer.byteLength(content),
    });
    expect(file.id).toMatch(/^file-/);
    const back = await curlTo(`/files/${file.id}/content`, []);
    expect(back.status).toBe(200);
    expect(back.body).toBe(content);
  });
});
