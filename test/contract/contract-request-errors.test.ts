import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract, type RequestParts } from '../../src/contract/index.js';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const user = [{ role: 'user', content: 'Hello' }];

/** The OpenAI error the contract gives for a request to operation `id`. */
function errorFor(id: string, req: Partial<RequestParts>) {
  const op = contract.operationById(id)!;
  const violations = contract.validateRequest(op, { body: undefined, query: {}, params: {}, ...req });
  return { violations, error: contract.toOpenAIError(violations).body.error };
}

const chatError = (body: object) => errorFor('createChatCompletion', { body }).error;

describe('request violations as OpenAI 400s', () => {
  it('accepts a valid chat request', () => {
    expect(
      errorFor('createChatCompletion', { body: { model: 'gpt-4o', messages: user } }).violations,
    ).toEqual([]);
  });

  it('reports a missing required parameter', () => {
    expect(chatError({ model: 'gpt-4o' })).toEqual({
      message: "Missing required parameter: 'messages'.",
      type: 'invalid_request_error',
      param: 'messages',
      code: 'missing_required_parameter',
    });
  });

  it('reports a wrong type in the API words', () => {
    expect(chatError({ model: 'gpt-4o', messages: user, temperature: 'hot' })).toEqual({
      message: "Invalid type for 'temperature': expected a decimal, but got a string instead.",
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'invalid_type',
    });
  });

  it('reports a bad enum value with the supported values', () => {
    expect(chatError({ model: 'gpt-4o', messages: user, reasoning_effort: 'foo' })).toMatchObject({
      message: expect.stringMatching(
        /^Invalid value: 'foo'\. Supported values are: 'none', 'minimal', 'low', .*'\.$/,
      ),
      param: 'reasoning_effort',
      code: 'invalid_value',
    });
  });

  it('names the field of a message by role, not the noise of the other roles', () => {
    expect(chatError({ model: 'gpt-4o', messages: [{ role: 'user' }] })).toMatchObject({
      message: "Missing required parameter: 'messages[0].content'.",
      param: 'messages[0].content',
    });
    expect(chatError({ model: 'gpt-4o', messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({
      message:
        "Invalid value: 'robot'. Supported values are: 'developer', 'system', 'user', 'assistant', 'tool', 'function'.",
      param: 'messages[0].role',
    });
  });

  it('follows the branch a content part means', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text' }] }] };
    expect(chatError(body).param).toBe('messages[0].content[0].text');
    const tools = { model: 'gpt-4o', messages: user, tools: [{ type: 'funtion' }] };
    expect(chatError(tools)).toMatchObject({ param: 'tools[0].type', code: 'invalid_value' });
  });

  it('reports a number out of range', () => {
    expect(chatError({ model: 'gpt-4o', messages: user, temperature: 3 })).toEqual({
      message:
        "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'decimal_above_max_value',
    });
    expect(chatError({ model: 'gpt-4o', messages: user, n: 0 })).toMatchObject({
      message: "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      code: 'integer_below_min_value',
    });
  });

  it('reports an empty array', () => {
    expect(chatError({ model: 'gpt-4o', messages: [] })).toMatchObject({
      param: 'messages',
      code: 'empty_array',
    });
  });

  it('reports an unrecognized argument where the schema forbids extras', () => {
    const { error } = errorFor('createEmbedding', {
      body: { model: 'text-embedding-3-small', input: 'hi', foo: 1 },
    });
    expect(error).toEqual({
      message: 'Unrecognized request argument supplied: foo',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
  });

  it('reports a type none of the union branches take', () => {
    const { error } = errorFor('createEmbedding', { body: { model: 'text-embedding-3-small', input: 5 } });
    expect(error).toMatchObject({ param: 'input', code: 'invalid_type' });
    expect(error.message).toMatch(
      /^Invalid type for 'input': expected one of a string or an array, but got an integer instead\.$/,
    );
  });

  it('treats a missing body as an empty one', () => {
    expect(errorFor('createChatCompletion', {}).error.code).toBe('missing_required_parameter');
  });
});

describe('query parameters', () => {
  it('coerces strings to the declared types', () => {
    expect(errorFor('listFiles', { query: { limit: '5', order: 'asc' } }).violations).toEqual([]);
    expect(errorFor('listBatches', { query: { limit: '20' } }).violations).toEqual([]);
  });

  it('reports a query value that does not fit', () => {
    const { violations, error } = errorFor('listFiles', { query: { limit: 'ten' } });
    expect(violations[0]).toMatchObject({ in: 'query', pointer: '/limit', keyword: 'type' });
    expect(error.message).toBe("Invalid type for 'limit': expected an integer, but got a string instead.");
  });

  it('reads arrays sent with brackets and objects sent as deep objects', () => {
    const op = contract.operations.find((o) => o.queryParams.some((q) => q.name === 'include'))!;
    const include = op.queryParams.find((q) => q.name === 'include')!;
    expect(include.schema.type).toBe('array');
    expect(errorFor(op.id, { query: { 'include[]': 'nope' } }).violations[0]).toMatchObject({
      pointer: '/include/0',
    });
  });

  it('reports a missing required query parameter', () => {
    const { error } = errorFor('usage-costs', { query: {} });
    expect(error).toMatchObject({
      message: "Missing required parameter: 'start_time'.",
      param: 'start_time',
    });
  });
});

describe('multipart bodies', () => {
  const file = (filename: string) => [
    { filename, contentType: 'application/octet-stream', data: new Uint8Array(4) },
  ];

  it('accepts fields as strings and files as binary', () => {
    const body = { kind: 'multipart', fields: { purpose: 'assistants' }, files: { file: file('a.jsonl') } };
    expect(errorFor('createFile', { body }).violations).toEqual([]);
  });

  it('is lenient on numbers, booleans and bracket arrays sent as strings', () => {
    const fields = {
      model: 'whisper-1',
      temperature: '0.2',
      stream: 'false',
      'timestamp_granularities[]': ['word'],
    };
    const body = { kind: 'multipart', fields, files: { file: file('a.mp3') } };
    expect(errorFor('createTranscription', { body }).violations).toEqual([]);
  });

  it('reports a missing file and a field that is not a number', () => {
    const missing = { kind: 'multipart', fields: { purpose: 'assistants' }, files: {} };
    expect(errorFor('createFile', { body: missing }).error.message).toBe(
      "Missing required parameter: 'file'.",
    );
    const hot = {
      kind: 'multipart',
      fields: { model: 'whisper-1', temperature: 'hot' },
      files: { file: file('a.mp3') },
    };
    expect(errorFor('createTranscription', { body: hot }).error.param).toBe('temperature');
  });

  it('rejects JSON where only multipart is accepted', () => {
    expect(errorFor('createFile', { body: { purpose: 'assistants' } }).error).toMatchObject({
      code: 'invalid_content_type',
      message: 'Invalid Content-Type header (application/json), expected multipart/form-data.',
    });
  });
});
