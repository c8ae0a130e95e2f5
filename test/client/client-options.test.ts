import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import { OpenAIClientError } from '../../src/client/errors.js';
import { fakeFetch, json } from './helpers/fake-fetch.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('OpenAIClient options', () => {
  it('reads the API key, base URL, organization and project from the environment', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-env');
    vi.stubEnv('OPENAI_BASE_URL', 'http://mock.test/v1/');
    vi.stubEnv('OPENAI_ORG_ID', 'org-env');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj-env');
    const { fetch, calls } = fakeFetch(json({ object: 'list', data: [] }));
    const client = new OpenAIClient({ fetch });
    expect(client.baseURL).toBe('http://mock.test/v1');
    await client.models.list();
    expect(calls[0]?.url.href).toBe('http://mock.test/v1/models');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer sk-env');
    expect(calls[0]?.headers.get('openai-organization')).toBe('org-env');
    expect(calls[0]?.headers.get('openai-project')).toBe('proj-env');
  });

  it('prefers explicit options over the environment and defaults to api.openai.com', () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-env');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const client = new OpenAIClient({ apiKey: 'sk-explicit', organization: null });
    expect(client.baseURL).toBe('https://api.openai.com/v1');
    expect(client.organization).toBeNull();
    expect(client.timeout).toBe(600_000);
    expect(client.maxRetries).toBe(2);
  });

  it('throws a clear error when no API key is available', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    expect(() => new OpenAIClient()).toThrow(OpenAIClientError);
    expect(() => new OpenAIClient()).toThrow(
      /missing API key: pass new OpenAIClient\(\{ apiKey \}\) or set the OPENAI_API_KEY/,
    );
  });

  it('rejects bad numeric options and base URLs, naming the option', () => {
    expect(() => new OpenAIClient({ apiKey: 'k', maxRetries: -1 })).toThrow(
      'option maxRetries must be a non-negative integer, got -1',
    );
    expect(() => new OpenAIClient({ apiKey: 'k', timeout: 0 })).toThrow(
      'option timeout must be a positive number of milliseconds, got 0',
    );
    expect(() => new OpenAIClient({ apiKey: 'k', baseURL: 'localhost:4010' })).toThrow(
      /option baseURL must be an absolute URL/,
    );
  });

  it('layers default headers, per-call headers and null removals', async () => {
    const { fetch, calls } = fakeFetch(json({ id: 'gpt-4o' }));
    const client = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      defaultHeaders: { 'x-team': 'a', 'x-drop': 'd' },
    });
    await client.models.retrieve('gpt-4o', {
      headers: { 'x-team': 'b', 'x-drop': null, 'user-agent': 'mine' },
    });
    const headers = calls[0]?.headers;
    expect(headers?.get('x-team')).toBe('b');
    expect(headers?.has('x-drop')).toBe(false);
    expect(headers?.get('user-agent')).toBe('mine');
    expect(headers?.get('accept')).toBe('application/json');
  });

  it('merges default query, call query and per-request query', async () => {
    const { fetch, calls } = fakeFetch(json({ object: 'list', data: [] }));
    const client = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      defaultQuery: { 'api-version': '1', drop: 'x' },
    });
    await client.files.list({ limit: 2, purpose: 'batch' }, { query: { drop: null } });
    const url = calls[0]?.url;
    expect(url?.searchParams.get('api-version')).toBe('1');
    expect(url?.searchParams.get('limit')).toBe('2');
    expect(url?.searchParams.get('purpose')).toBe('batch');
    expect(url?.searchParams.has('drop')).toBe(false);
  });

  it('sends nested list filters as bracketed keys and arrays as repeated keys', async () => {
    const { fetch, calls } = fakeFetch(
      json({ object: 'list', data: [] }),
      json({ id: 'resp_1', output: [] }),
    );
    const client = new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    await client.chat.completions.list({ metadata: { user: 'u1' }, model: 'gpt-4o' });
    expect(calls[0]?.url.searchParams.get('metadata[user]')).toBe('u1');
    await client.responses.retrieve('resp_1', { include: ['a', 'b'] });
    expect(calls[1]?.url.searchParams.getAll('include[]')).toEqual(['a', 'b']);
  });

  it('withOptions() makes a new client that keeps everything else', async () => {
    const { fetch, calls } = fakeFetch(json({ id: 'm' }));
    const base = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      project: 'p',
      maxRetries: 5,
    });
    const derived = base.withOptions({ timeout: 1000 });
    expect(derived).not.toBe(base);
    expect(derived.timeout).toBe(1000);
    expect(derived.maxRetries).toBe(5);
    await derived.models.retrieve('m');
    expect(calls[0]?.headers.get('openai-project')).toBe('p');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer k');
  });

  it('attaches the request id to returned objects without making it enumerable', async () => {
    const { fetch } = fakeFetch(json({ id: 'm' }, 200, { 'x-request-id': 'req_abc' }));
    const model = await new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
    }).models.retrieve('m');
    expect((model as unknown as { _request_id: string })._request_id).toBe('req_abc');
    expect(Object.keys(model)).toEqual(['id']);
  });

  it('exposes generic get/post/delete for endpoints without a resource', async () => {
    const { fetch, calls } = fakeFetch(json({ ok: 1 }));
    const client = new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch });
    await client.post('/moderations', { input: 'hi' });
    await client.get('/__mock/journal', { query: { limit: 1 } });
    await client.delete('/vector_stores/vs_1');
    expect(calls.map((c) => `${c.method} ${c.url.pathname}${c.url.search}`)).toEqual([
      'POST /v1/moderations',
      'GET /v1/__mock/journal?limit=1',
      'DELETE /v1/vector_stores/vs_1',
    ]);
    expect(calls[0]?.body).toBe('{"input":"hi"}');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
  });
});
