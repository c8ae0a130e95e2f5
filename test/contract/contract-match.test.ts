import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract } from '../../src/contract/index.js';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

describe('operation index', () => {
  it('indexes all 288 operations of the document with unique ids', () => {
    expect(contract.operations).toHaveLength(288);
    expect(new Set(contract.operations.map((op) => op.id)).size).toBe(288);
    expect(contract.version).toBe(contract.document.info.version);
  });

  it('describes an operation: params, body content types, success schema, streaming', () => {
    const chat = contract.operationById('createChatCompletion')!;
    expect(chat).toMatchObject({
      method: 'POST',
      path: '/chat/completions',
      streaming: true,
      deprecated: false,
    });
    expect(chat.requestBody).toEqual({ required: true, contentTypes: ['application/json'] });
    expect(chat.success?.status).toBe(200);
    expect(chat.success?.content['text/event-stream']).toEqual({
      $ref: '#/components/schemas/CreateChatCompletionStreamResponse',
    });
    const list = contract.operationById('listFiles')!;
    expect(list.queryParams.map((q) => q.name)).toEqual(['purpose', 'limit', 'order', 'after']);
    const file = contract.operationById('retrieveFile')!;
    expect(file.pathParams).toEqual(['file_id']);
    expect(contract.operationById('createFile')!.requestBody?.contentTypes).toEqual(['multipart/form-data']);
  });

  it('resolves component refs for samplers', () => {
    expect(contract.resolveRef('#/components/schemas/Model')).toMatchObject({
      title: 'Model',
      required: expect.arrayContaining(['id']),
    });
    expect(contract.resolveRef('#/components/schemas/Nope')).toBeUndefined();
  });
});

describe('contract.match', () => {
  it('matches with and without the /v1 prefix', () => {
    expect(contract.match('POST', '/v1/chat/completions')).toMatchObject({
      operation: { id: 'createChatCompletion' },
    });
    expect(contract.match('POST', '/chat/completions')).toMatchObject({
      operation: { id: 'createChatCompletion' },
    });
    expect(contract.match('get', '/v1/models')).toMatchObject({
      operation: { id: 'listModels' },
      params: {},
    });
  });

  it('extracts and decodes path parameters', () => {
    const m = contract.match('GET', '/v1/models/ft%3Agpt-4o-mini%3Aacme%3Asuffix%3Aabc123');
    expect(m).toMatchObject({
      operation: { id: 'retrieveModel' },
      params: { model: 'ft:gpt-4o-mini:acme:suffix:abc123' },
    });
    const nested = contract.match('GET', '/vector_stores/vs_1/files/file-2');
    expect(nested).toMatchObject({ params: { vector_store_id: 'vs_1', file_id: 'file-2' } });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(contract.match('POST', '/v1/responses/input_tokens').operation?.path).toBe(
      '/responses/input_tokens',
    );
    expect(contract.match('GET', '/v1/responses/resp_1').operation?.id).toBe('getResponse');
  });

  it('lists the allowed methods when the path exists but the method does not', () => {
    expect(contract.match('PUT', '/v1/chat/completions')).toEqual({
      operation: undefined,
      allowedMethods: ['GET', 'POST'],
    });
  });

  it('returns an empty method list for an unknown path', () => {
    expect(contract.match('GET', '/v1/nope')).toEqual({ operation: undefined, allowedMethods: [] });
    expect(contract.match('GET', '/v1/models/a/b/c')).toEqual({ operation: undefined, allowedMethods: [] });
  });

  it('picks the ?beta=true variant only when the query asks for it', () => {
    expect(contract.match('POST', '/v1/responses').operation?.id).toBe('createResponse');
    expect(contract.match('POST', '/v1/responses', { beta: 'true' }).operation?.id).toBe(
      'beta_createResponse',
    );
  });

  it('answers HEAD with the GET operation', () => {
    expect(contract.match('HEAD', '/v1/models').operation?.id).toBe('listModels');
  });

  it('matches every operation by its own template', () => {
    for (const op of contract.operations) {
      const concrete = op.path.replace(/\{([^}]+)\}/g, (_, name) => `x-${name}`);
      const m = contract.match(op.method, `/v1${concrete}`, op.queryMatch);
      expect(m.operation?.id, `${op.method} ${op.path}`).toBe(op.id);
    }
  });
});
