import { describe, expect, it } from 'vitest';
import { apiParam, createContract } from '../../src/contract/index.js';

const contract = createContract({
  openapi: '3.1.0',
  info: { title: 'limits', version: '1' },
  paths: {},
  components: {
    schemas: {
      Limits: {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 4 },
          stop: { type: 'array', maxItems: 2, items: { type: 'string' } },
          metadata: { type: 'object', maxProperties: 1 },
          code: { type: 'string', pattern: '^[a-z]+$' },
        },
      },
    },
  },
});

const errorFor = (value: object) =>
  contract.toOpenAIError(contract.validateSchema('/components/schemas/Limits', value, 'body')).body.error;

describe('toOpenAIError', () => {
  it('writes param in the API notation', () => {
    expect(apiParam('/messages/0/content/1/text')).toBe('messages[0].content[1].text');
    expect(apiParam('/metadata/a~1b')).toBe('metadata.a/b');
    expect(apiParam('')).toBeNull();
  });

  it('words length limits as the API does', () => {
    expect(errorFor({ name: 'toolong' })).toEqual({
      message:
        "Invalid 'name': string too long. Expected a string with maximum length 4, but got a string with length 7 instead.",
      type: 'invalid_request_error',
      param: 'name',
      code: 'string_above_max_length',
    });
    expect(errorFor({ stop: ['a', 'b', 'c'] })).toMatchObject({
      code: 'array_above_max_length',
      param: 'stop',
    });
    expect(errorFor({ metadata: { a: '1', b: '2' } })).toMatchObject({ code: 'object_above_max_properties' });
  });

  it('falls back to the violation message for other keywords', () => {
    expect(errorFor({ code: 'ABC' })).toMatchObject({
      message: "Invalid 'code': must match the pattern ^[a-z]+$.",
      code: 'invalid_value',
    });
  });

  it('gives a generic 400 when there is nothing to report', () => {
    expect(contract.toOpenAIError([])).toEqual({
      status: 400,
      body: {
        error: { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null },
      },
    });
  });
});
