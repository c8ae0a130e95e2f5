import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract, type Operation } from '../../src/contract/index.js';

let contract: Contract;
let chat: Operation;
let responses: Operation;
beforeAll(async () => {
  contract = await loadContract();
  chat = contract.operationById('createChatCompletion')!;
  responses = contract.operationById('createResponse')!;
});

const chunk = (choice: object) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o',
  choices: [{ index: 0, logprobs: null, ...choice }],
});

const textDelta = {
  type: 'response.output_text.delta',
  item_id: 'msg_1',
  output_index: 0,
  content_index: 0,
  delta: 'Hi',
  sequence_number: 3,
  logprobs: [],
};

describe('contract.validateStreamEvent for chat chunks', () => {
  it('accepts finish_reason null on every chunk but the last', () => {
    expect(
      contract.validateStreamEvent(
        chat,
        chunk({ delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }),
      ),
    ).toEqual([]);
    expect(contract.validateStreamEvent(chat, chunk({ delta: {}, finish_reason: 'stop' }))).toEqual([]);
  });

  it('accepts the [DONE] sentinel', () => {
    expect(contract.validateStreamEvent(chat, '[DONE]')).toEqual([]);
  });

  it('reports a bad finish_reason with its pointer', () => {
    const [v] = contract.validateStreamEvent(chat, chunk({ delta: {}, finish_reason: 'done' }));
    expect(v).toMatchObject({ in: 'event', pointer: '/choices/0/finish_reason', keyword: 'enum' });
  });
});

describe('contract.validateStreamEvent for Responses events', () => {
  it('accepts a text delta event', () => {
    expect(contract.validateStreamEvent(responses, textDelta)).toEqual([]);
  });

  it('explains a broken event against the branch its type names', () => {
    expect(contract.validateStreamEvent(responses, { ...textDelta, delta: 5 })).toEqual([
      expect.objectContaining({ in: 'event', pointer: '/delta', keyword: 'type' }),
    ]);
    const { sequence_number: _, ...noSequence } = textDelta;
    expect(contract.validateStreamEvent(responses, noSequence)[0]).toMatchObject({
      pointer: '/sequence_number',
    });
  });

  it('reports an unknown event type at /type', () => {
    const [v] = contract.validateStreamEvent(responses, { ...textDelta, type: 'response.nope' });
    expect(v).toMatchObject({ pointer: '/type', keyword: 'enum' });
    expect(v?.params?.['allowedValues']).toContain('response.completed');
  });

  it('reports what a response.created event lacks inside its response', () => {
    const event = {
      type: 'response.created',
      sequence_number: 0,
      response: { id: 'resp_1', object: 'response' },
    };
    const pointers = contract.validateStreamEvent(responses, event).map((v) => v.pointer);
    expect(pointers).toContain('/response/created_at');
    expect(pointers.every((p) => p.startsWith('/response/'))).toBe(true);
  });

  it('returns nothing for operations that do not stream', () => {
    expect(contract.validateStreamEvent(contract.operationById('listModels')!, { anything: true })).toEqual(
      [],
    );
  });
});
