import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract, type Operation } from '../../src/contract/index.js';

let contract: Contract;
let chat: Operation;
beforeAll(async () => {
  contract = await loadContract();
  chat = contract.operationById('createChatCompletion')!;
});

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hi', refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

describe('contract.validateResponse', () => {
  it('accepts a chat completion, with or without content-type parameters', () => {
    expect(contract.validateResponse(chat, 200, completion)).toEqual([]);
    expect(contract.validateResponse(chat, 200, completion, 'application/json; charset=utf-8')).toEqual([]);
  });

  it('reports a wrong field with its pointer', () => {
    const violations = contract.validateResponse(chat, 200, { ...completion, created: 'yesterday' });
    expect(violations).toEqual([
      expect.objectContaining({ in: 'response', pointer: '/created', keyword: 'type' }),
    ]);
  });

  it('reports a missing field deep inside', () => {
    const broken = { ...completion, choices: [{ ...completion.choices[0], message: { content: 'Hi' } }] };
    expect(contract.validateResponse(chat, 200, broken)[0]).toMatchObject({
      pointer: '/choices/0/message/role',
    });
  });

  it('checks error statuses against the OpenAI error envelope', () => {
    const envelope = {
      error: { message: 'No such thing', type: 'invalid_request_error', param: null, code: null },
    };
    expect(contract.validateResponse(chat, 404, envelope)).toEqual([]);
    expect(contract.validateResponse(chat, 429, { message: 'slow down' })[0]).toMatchObject({
      pointer: '/error',
    });
  });

  it('flags a success status the operation does not declare', () => {
    expect(contract.validateResponse(chat, 201, completion)[0]).toMatchObject({ keyword: 'status' });
  });

  it('leaves binary bodies alone', () => {
    const speech = contract.operationById('createSpeech')!;
    expect(contract.validateResponse(speech, 200, new Uint8Array([1, 2]), 'audio/mpeg')).toEqual([]);
  });

  it('validates any schema of the document by pointer', () => {
    const model = { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' };
    expect(contract.validateSchema('/components/schemas/Model', model)).toEqual([]);
    expect(contract.validateSchema('#/components/schemas/Model', { ...model, object: 'x' })[0]).toMatchObject(
      {
        pointer: '/object',
        keyword: 'enum',
      },
    );
  });
});
