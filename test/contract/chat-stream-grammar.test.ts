import { describe, expect, it } from 'vitest';
import { checkChatStream } from '../../src/contract/streams/chat-stream.js';

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const chunk = (choice: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  ...head,
  choices: [{ index: 0, logprobs: null, finish_reason: null, ...choice }],
  ...extra,
});
const role = chunk({ delta: { role: 'assistant', content: '' } });
const text = (content: string) => chunk({ delta: { content } });
const finish = (reason = 'stop') => chunk({ delta: {}, finish_reason: reason });
const usage = { ...head, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } };
const call = (index: number, fields: Record<string, unknown>) =>
  chunk({ delta: { tool_calls: [{ index, ...fields }] } });

const keywords = (events: unknown[]) => checkChatStream(events).map((v) => v.keyword);

describe('checkChatStream', () => {
  it('accepts a well-formed stream, given as data values, JSON text or SSE events', () => {
    const events = [role, text('Hel'), text('lo'), finish(), usage, '[DONE]'];
    expect(checkChatStream(events)).toEqual([]);
    expect(checkChatStream(events.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))))).toEqual([]);
    expect(checkChatStream(events.map((data) => ({ data })))).toEqual([]);
  });

  it('accepts interleaved choices and a tool-call stream', () => {
    const two = (index: number, delta: Record<string, unknown>, finish_reason: string | null = null) => ({
      ...head,
      choices: [{ index, delta, finish_reason }],
    });
    expect(
      checkChatStream([
        two(0, { role: 'assistant' }),
        two(0, { content: 'a' }),
        two(1, { role: 'assistant' }),
        two(1, { content: 'b' }),
        two(0, {}, 'stop'),
        two(1, {}, 'stop'),
        '[DONE]',
      ]),
    ).toEqual([]);
    const tools = [
      chunk({
        delta: {
          role: 'assistant',
          content: null,
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }],
        },
      }),
      call(0, { function: { arguments: '{"a":' } }),
      call(0, { function: { arguments: '1}' } }),
      finish('tool_calls'),
      '[DONE]',
    ];
    expect(checkChatStream(tools)).toEqual([]);
  });

  it('reports a missing [DONE], events after it, and a missing finish', () => {
    expect(keywords([role, text('x'), finish()])).toEqual(['done-last']);
    expect(keywords([role, finish(), '[DONE]', text('late')])).toEqual(['done-last']);
    expect(keywords([role, text('x'), '[DONE]'])).toEqual(['finish']);
  });

  it('reports a first delta without a role and a role sent twice', () => {
    expect(keywords([text('x'), finish(), '[DONE]'])).toEqual(['role-first']);
    expect(keywords([role, role, finish(), '[DONE]'])).toEqual(['role-once']);
  });

  it('reports content after finish_reason and a usage chunk that is not last', () => {
    expect(keywords([role, finish(), text('more'), '[DONE]'])).toEqual(['finish-last']);
    expect(keywords([role, usage, finish(), '[DONE]'])).toEqual(['usage-last']);
    expect(
      keywords([
        role,
        text('x'),
        chunk({ delta: {}, finish_reason: 'stop' }, { usage: usage.usage }),
        '[DONE]',
      ]),
    ).toEqual(['usage-last']);
  });

  it('reports tool-call deltas without index, arguments before id and name, and arguments that are not JSON', () => {
    const start = chunk({ delta: { role: 'assistant', content: null } });
    expect(
      keywords([
        start,
        chunk({ delta: { tool_calls: [{ id: 'c', function: { name: 'f' } }] } }),
        finish('tool_calls'),
        '[DONE]',
      ]),
    ).toContain('tool-call-index');
    const early = keywords([
      start,
      call(0, { function: { arguments: '{}' } }),
      finish('tool_calls'),
      '[DONE]',
    ]);
    expect(early.filter((k) => k === 'tool-call-header')).toHaveLength(2);
    expect(
      keywords([
        start,
        call(0, { id: 'c', function: { name: 'f', arguments: '{"a":' } }),
        finish('tool_calls'),
        '[DONE]',
      ]),
    ).toEqual(['arguments-json']);
    // A reply cut for length may end inside the arguments.
    expect(
      keywords([
        start,
        call(0, { id: 'c', function: { name: 'f', arguments: '{"a":' } }),
        finish('length'),
        '[DONE]',
      ]),
    ).toEqual([]);
    expect(keywords([start, finish('tool_calls'), '[DONE]'])).toEqual(['finish']);
  });

  it('reports chunks of another completion and points at the event', () => {
    const [violation] = checkChatStream([role, { ...text('x'), id: 'chatcmpl-2' }, finish(), '[DONE]']);
    expect(violation).toMatchObject({ in: 'event', pointer: '/1/id', keyword: 'same-id' });
  });

  describe('the shapes the real API streams', () => {
    const two = (index: number, delta: Record<string, unknown>, finish_reason: string | null = null) => ({
      ...head,
      choices: [{ index, delta, logprobs: null, finish_reason }],
    });
    const header = (index: number, id: string) => ({
      index,
      id,
      type: 'function',
      function: { name: 'f', arguments: '' },
    });

    it('n > 1: each role chunk comes right before that choice’s first content, not all roles first', () => {
      const real = [
        two(0, { role: 'assistant', content: '' }),
        two(0, { content: 'a' }),
        two(1, { role: 'assistant', content: '' }),
        two(1, { content: 'b' }),
        two(0, {}, 'stop'),
        two(1, {}, 'stop'),
        '[DONE]',
      ];
      expect(keywords(real)).toEqual([]);
      const rolesFirst = [real[0], real[2], real[1], real[3], real[4], real[5], '[DONE]'];
      expect(checkChatStream(rolesFirst)[0]).toMatchObject({
        keyword: 'role-then-content',
        pointer: '/1/choices/0/index',
      });
    });

    it('two or more tool calls: the role chunk alone, each call in chunks of its own', () => {
      const real = [
        chunk({ delta: { role: 'assistant', content: null } }),
        call(0, header(0, 'call_a')),
        call(0, { function: { arguments: '{}' } }),
        call(1, header(1, 'call_b')),
        call(1, { function: { arguments: '{}' } }),
        finish('tool_calls'),
        '[DONE]',
      ];
      expect(keywords(real)).toEqual([]);
      const merged = [
        chunk({ delta: { role: 'assistant', content: null, tool_calls: [header(0, 'call_a')] } }),
        ...real.slice(2),
      ];
      expect(keywords(merged)).toEqual(['role-alone']);
      const together = [
        real[0],
        chunk({ delta: { tool_calls: [header(0, 'call_a'), header(1, 'call_b')] } }),
        call(0, { function: { arguments: '{}' } }),
        call(1, { function: { arguments: '{}' } }),
        finish('tool_calls'),
        '[DONE]',
      ];
      expect(keywords(together)).toEqual(['call-own-chunk']);
    });

    it('logprobs: the role chunk carries {"content": [], "refusal": null}, not null', () => {
      const logprob = {
        content: [{ token: 'a', logprob: -0.1, bytes: [97], top_logprobs: [] }],
        refusal: null,
      };
      const withLogprobs = (roleLogprobs: unknown) => [
        chunk({ delta: { role: 'assistant', content: '' }, logprobs: roleLogprobs }),
        chunk({ delta: { content: 'a' }, logprobs: logprob }),
        finish(),
        '[DONE]',
      ];
      expect(keywords(withLogprobs({ content: [], refusal: null }))).toEqual([]);
      expect(keywords(withLogprobs(null))).toEqual(['role-logprobs']);
    });

    it('a refusal: the role chunk has content null and refusal "", then refusal deltas', () => {
      const refusal = (roleDelta: Record<string, unknown>) => [
        chunk({ delta: { role: 'assistant', ...roleDelta } }),
        chunk({ delta: { refusal: 'I can’t' } }),
        chunk({ delta: { refusal: ' help.' } }),
        finish(),
        '[DONE]',
      ];
      expect(keywords(refusal({ content: null, refusal: '' }))).toEqual([]);
      expect(keywords(refusal({ content: '', refusal: null }))).toEqual(['refusal-role']);
    });
  });
});
