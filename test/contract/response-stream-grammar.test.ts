import { describe, expect, it } from 'vitest';
import { checkResponseStream } from '../../src/contract/streams/response-stream.js';

/** A well-formed stream as the real API sends it: one message with two deltas and one annotation. */
function validStream(): any[] {
  const response = (status: string, output: unknown[] = []) => ({
    id: 'resp_1',
    object: 'response',
    status,
    output,
  });
  const msg = { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] };
  const part = {
    type: 'output_text',
    text: 'Hello world',
    annotations: [{ type: 'url_citation' }],
    logprobs: [],
  };
  const done = { ...msg, status: 'completed', content: [part] };
  const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  const events: any[] = [
    { type: 'response.created', response: response('in_progress') },
    { type: 'response.in_progress', response: response('in_progress') },
    { type: 'response.output_item.added', output_index: 0, item: msg },
    { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', ...at, delta: 'Hello', logprobs: [] },
    { type: 'response.output_text.delta', ...at, delta: ' world', logprobs: [] },
    {
      type: 'response.output_text.annotation.added',
      ...at,
      annotation_index: 0,
      annotation: { type: 'url_citation' },
    },
    { type: 'response.output_text.done', ...at, text: 'Hello world', logprobs: [] },
    { type: 'response.content_part.done', ...at, part },
    { type: 'response.output_item.done', output_index: 0, item: done },
    { type: 'response.completed', response: response('completed', [done]) },
  ];
  return events.map((e, i) => ({ ...e, sequence_number: i }));
}

const keywords = (events: unknown[], options = {}) =>
  checkResponseStream(events, options).map((v) => v.keyword);

describe('checkResponseStream', () => {
  it('accepts a well-formed stream, given as objects, SSE records or JSON text', () => {
    const events = validStream();
    expect(checkResponseStream(events)).toEqual([]);
    expect(checkResponseStream(events.map((data) => ({ event: data.type, data })))).toEqual([]);
    expect(checkResponseStream([...events.map((e) => JSON.stringify(e)), '[DONE]'])).toEqual([]);
  });

  it('reports a sequence_number that does not increase, with the event index in the pointer', () => {
    const events = validStream();
    events[5].sequence_number = 4;
    const [v] = checkResponseStream(events);
    expect(v).toMatchObject({ in: 'event', keyword: 'sequence_number', pointer: '/5/sequence_number' });
  });

  it('reports a stream that does not start with response.created, unless it was resumed', () => {
    const events = validStream().slice(3);
    expect(keywords(events)).toContain('order');
    expect(checkResponseStream(events, { resumed: true })).toEqual([]);
  });

  it('reports a missing terminal event, a second one, and events after it', () => {
    const events = validStream();
    expect(keywords(events.slice(0, -1))).toEqual(['terminal']);
    const last = events[events.length - 1];
    const twice = [...events, { ...last, sequence_number: 11 }];
    expect(keywords(twice)).toContain('terminal');
    expect(checkResponseStream(twice).some((v) => v.message.includes('second terminal'))).toBe(true);
  });

  it('reports output items added out of order and item ids that do not match', () => {
    const events = validStream();
    events[2] = { ...events[2], output_index: 1 };
    expect(keywords(events)).toContain('output_index');
    const wrongId = validStream();
    wrongId[4] = { ...wrongId[4], item_id: 'msg_other' };
    expect(checkResponseStream(wrongId)[0]).toMatchObject({ keyword: 'item_id', pointer: '/4/item_id' });
  });

  it('reports deltas that do not add up to the done text', () => {
    const events = validStream();
    events[7] = { ...events[7], text: 'Hello there' };
    expect(keywords(events)).toContain('text');
  });

  it('reports content parts used before they are added, and items left open at the end', () => {
    const skipped = validStream().filter((e) => e.type !== 'response.content_part.added');
    expect(keywords(skipped.map((e, i) => ({ ...e, sequence_number: i })))).toContain('content_index');
    const open = validStream().filter((e) => e.type !== 'response.output_item.done');
    expect(keywords(open.map((e, i) => ({ ...e, sequence_number: i })))).toContain('order');
  });

  it('reports a terminal event whose status or output disagrees with the stream', () => {
    const events = validStream();
    const last = events[events.length - 1];
    events[events.length - 1] = { ...last, response: { ...last.response, status: 'incomplete' } };
    expect(keywords(events)).toContain('status');
    const noOutput = validStream();
    const end = noOutput[noOutput.length - 1];
    noOutput[noOutput.length - 1] = { ...end, response: { ...end.response, output: [] } };
    expect(keywords(noOutput)).toContain('output');
  });

  it('checks function-call arguments against their deltas and the finished item', () => {
    const call = {
      id: 'fc_1',
      type: 'function_call',
      call_id: 'call_1',
      name: 'f',
      arguments: '',
      status: 'in_progress',
    };
    const at = { item_id: 'fc_1', output_index: 0 };
    const events = [
      { type: 'response.created', response: { id: 'r', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: call },
      { type: 'response.function_call_arguments.delta', ...at, delta: '{"a":' },
      { type: 'response.function_call_arguments.delta', ...at, delta: '1}' },
      { type: 'response.function_call_arguments.done', ...at, name: 'f', arguments: '{"a":1}' },
      {
        type: 'response.output_item.done',
        output_index: 0,
        item: { ...call, arguments: '{"a":2}', status: 'completed' },
      },
      { type: 'response.completed', response: { id: 'r', status: 'completed', output: [{ id: 'fc_1' }] } },
    ].map((e, i) => ({ ...e, sequence_number: i }));
    expect(checkResponseStream(events)).toEqual([
      expect.objectContaining({ keyword: 'text', pointer: '/5/item/arguments' }),
    ]);
  });

  it('flags text that is not JSON and skips [DONE]', () => {
    expect(keywords(['not json', '[DONE]'])).toEqual(['json']);
  });
});
