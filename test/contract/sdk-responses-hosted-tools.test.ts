import { toFile } from 'openai';
import type { ResponseOutputMessage, ResponseOutputText, Tool } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { collect, eventShape, expectWellFormed } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

const textOf = (output: Array<{ type: string }>): ResponseOutputText => {
  const message = output.find((o): o is ResponseOutputMessage => o.type === 'message');
  return message!.content[0] as ResponseOutputText;
};

/** Streams the same request and checks its grammar; returns the event types, deltas folded. */
async function streamedShape(body: Parameters<typeof client.responses.create>[0]) {
  const events = await collect(
    (await client.responses.create({ ...body, stream: true } as never)) as unknown as AsyncIterable<unknown>,
  );
  expectWellFormed(events as unknown[]);
  return eventShape(events as Array<{ type: string }>);
}

describe('web_search', () => {
  const body = {
    model: 'gpt-4.1',
    input: 'What is the latest news about the Artemis program?',
    tools: [{ type: 'web_search' } as Tool],
    include: ['web_search_call.action.sources' as const],
  };

  it('answers with a web_search_call and a message whose url_citations point at markdown links', async () => {
    const response = await client.responses.create(body);
    const call = response.output[0]!;
    expect(call).toMatchObject({ type: 'web_search_call', status: 'completed', action: { type: 'search' } });
    expect(call!.id).toMatch(/^ws_/);
    const part = textOf(response.output);
    expect(part.annotations.length).toBeGreaterThanOrEqual(2);
    for (const a of part.annotations) {
      expect(a.type).toBe('url_citation');
      if (a.type !== 'url_citation') continue;
      expect(part.text.slice(a.start_index, a.end_index)).toBe(
        `[${new URL(a.url).hostname.replace(/^www\./, '')}](${a.url})`,
      );
      expect(a.title.length).toBeGreaterThan(0);
    }
    const sources =
      call.type === 'web_search_call' && call.action.type === 'search' ? call.action.sources : [];
    expect(sources!.map((s) => s.url)).toEqual(part.annotations.map((a) => (a as { url: string }).url));
  });

  it('streams search progress and annotation events', async () => {
    const shape = await streamedShape(body);
    expect(shape.slice(2, 7)).toEqual([
      'response.output_item.added',
      'response.web_search_call.in_progress',
      'response.web_search_call.searching',
      'response.web_search_call.completed',
      'response.output_item.done',
    ]);
    expect(shape).toContain('response.output_text.annotation.added');
  });

  it('keeps to allowed_domains', async () => {
    const response = await client.responses.create({
      ...body,
      tools: [{ type: 'web_search', filters: { allowed_domains: ['nasa.gov'] } }],
    });
    expect(
      textOf(response.output).annotations.every(
        (a) => a.type === 'url_citation' && a.url.startsWith('https://nasa.gov/'),
      ),
    ).toBe(true);
  });
});

describe('file_search', () => {
  it('names uploaded files in its results and citations', async () => {
    const file = await client.files.create({
      file: await toFile(Buffer.from('Refunds take 5 days.'), 'refund-policy.txt'),
      purpose: 'assistants',
    });
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'How long do refunds take?',
      tools: [{ type: 'file_search', vector_store_ids: ['vs_123'] }],
      include: ['file_search_call.results'],
    });
    const call = response.output[0]!;
    expect(call).toMatchObject({
      type: 'file_search_call',
      status: 'completed',
      results: [{ file_id: file.id, filename: 'refund-policy.txt' }],
    });
    expect(call.type === 'file_search_call' && call.queries.length).toBe(1);
    const part = textOf(response.output);
    expect(part.annotations[0]).toMatchObject({
      type: 'file_citation',
      file_id: file.id,
      filename: 'refund-policy.txt',
    });
    expect(part.text).toContain('refund-policy.txt');
  });

  it('falls back to plausible files and leaves results out unless included', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'Summarise the handbook',
      tools: [{ type: 'file_search', vector_store_ids: ['vs_123'] }],
    });
    expect(response.output[0]).toMatchObject({ type: 'file_search_call', results: null });
    const citation = textOf(response.output).annotations[0];
    expect(citation).toMatchObject({ type: 'file_citation' });
    expect((citation as { file_id: string }).file_id).toMatch(/^file-/);
  });
});

describe('other hosted tools', () => {
  it('code_interpreter writes code that computes what its logs and message say', async () => {
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Calculate the sum of 12, 30 and 8',
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
      include: ['code_interpreter_call.outputs'],
    });
    const call = response.output[0]!;
    expect(call).toMatchObject({
      type: 'code_interpreter_call',
      status: 'completed',
      outputs: [{ type: 'logs', logs: 'total=50, mean=16.6667\n' }],
    });
    expect(call.type === 'code_interpreter_call' && call.code).toContain('numbers = [12, 30, 8]');
    expect(response.output_text).toContain('total is 50');
    const shape = await streamedShape({
      model: 'gpt-4.1',
      input: 'Calculate 2 and 3',
      tools: [{ type: 'code_interpreter', container: 'cntr_abc' }],
    });
    expect(shape).toContain('response.code_interpreter_call_code.delta*');
  });

  it('image_generation returns a decodable PNG, with partial images when streamed', async () => {
    const tools: Tool[] = [{ type: 'image_generation', partial_images: 2 }];
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Draw a lighthouse', tools });
    const [call] = response.output;
    expect(call).toMatchObject({ type: 'image_generation_call', status: 'completed' });
    const png = Buffer.from((call as { result: string }).result, 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const shape = await streamedShape({ model: 'gpt-4.1', input: 'Draw a lighthouse', tools });
    expect(shape.filter((t) => t === 'response.image_generation_call.partial_image')).toHaveLength(2);
  });

  it('mcp lists the server tools, asks for approval, and calls the tool once approved', async () => {
    const tools: Tool[] = [{ type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example.com/sse' }];
    const first = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Search the docs for pagination',
      tools,
    });
    expect(first.output.map((o) => o.type)).toEqual(['mcp_list_tools', 'mcp_approval_request']);
    const request = first.output[1] as { id: string; name: string };
    const second = await client.responses.create({
      model: 'gpt-4.1',
      previous_response_id: first.id,
      // The document lists `request_id` as required (a quirk of its schema), so strict validation asks for it.
      input: [
        {
          type: 'mcp_approval_response',
          approval_request_id: request.id,
          approve: true,
          request_id: request.id,
        } as never,
      ],
      tools,
    });
    expect(second.output.map((o) => o.type)).toEqual(['mcp_call', 'message']);
    expect(second.output[0]).toMatchObject({
      server_label: 'docs',
      name: request.name,
      approval_request_id: request.id,
    });
    const shape = await streamedShape({
      model: 'gpt-4.1',
      input: 'Search the docs',
      tools: [{ ...tools[0]!, require_approval: 'never' } as Tool],
    });
    expect(shape).toContain('response.mcp_call_arguments.delta*');
  });

  it('computer use asks for a screenshot, then acts on it', async () => {
    const tools: Tool[] = [
      { type: 'computer_use_preview', environment: 'browser', display_width: 1280, display_height: 800 },
    ];
    const first = await client.responses.create({
      model: 'computer-use-preview',
      input: 'Open the pricing page',
      tools,
      truncation: 'auto',
    });
    const [call] = first.output;
    expect(call).toMatchObject({
      type: 'computer_call',
      action: { type: 'screenshot' },
      pending_safety_checks: [],
    });
    const second = await client.responses.create({
      model: 'computer-use-preview',
      previous_response_id: first.id,
      input: [
        {
          type: 'computer_call_output',
          call_id: (call as { call_id: string }).call_id,
          output: { type: 'computer_screenshot', image_url: 'data:image/png;base64,AAAA' },
        },
      ],
      tools,
      truncation: 'auto',
    });
    expect(second.output[0]).toMatchObject({
      type: 'computer_call',
      action: { type: 'click', button: 'left' },
    });
  });
});
