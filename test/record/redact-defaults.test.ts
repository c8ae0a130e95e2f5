import { describe, expect, it } from 'vitest';
import { createRedactor, type Interaction } from '../../src/record/index.js';

const interaction = (): Interaction => ({
  request: {
    method: 'POST',
    path: '/v1/chat/completions',
    query: { token: 'sk-querySecret12345678' },
    headers: {
      authorization: 'Bearer sk-abc',
      'x-custom-secret': 'hush',
      'content-type': 'application/json',
    },
    body: {
      json: {
        model: 'gpt-4o',
        user: 'alice@example.com',
        messages: [{ role: 'user', content: 'my key is sk-proj-AbCdEf0123456789 ok' }],
      },
    },
  },
  response: {
    status: 200,
    headers: {
      'openai-organization': 'org-123',
      'set-cookie': 'a=b',
      'openai-project': 'proj_1',
      'x-ratelimit-limit-requests': '500',
    },
    body: {
      sse: [
        { ms: 0, data: { text: 'echo sk-svcacct-ZZZZZZZZZZZZ' } },
        { ms: 1, data: 'raw sk-admin-YYYYYYYYYYYY' },
      ],
      end: 'done',
    },
  },
});

describe('redaction', () => {
  it('redacts credential headers and sk- keys anywhere by default', () => {
    const out = createRedactor().interaction(interaction());
    expect(out.request.headers).toEqual({
      authorization: '[REDACTED]',
      'x-custom-secret': 'hush',
      'content-type': 'application/json',
    });
    expect(out.response.headers).toEqual({
      'openai-organization': '[REDACTED]',
      'set-cookie': '[REDACTED]',
      'openai-project': '[REDACTED]',
      'x-ratelimit-limit-requests': '500',
    });
    expect(out.request.query).toEqual({ token: 'sk-[REDACTED]' });
    expect(JSON.stringify(out)).not.toMatch(/sk-(?!\[REDACTED\])/);
    expect(out.request.body).toEqual({
      json: {
        model: 'gpt-4o',
        user: 'alice@example.com',
        messages: [{ role: 'user', content: 'my key is sk-[REDACTED] ok' }],
      },
    });
  });

  it('adds the user list to the defaults rather than replacing them', () => {
    const out = createRedactor({
      headers: ['X-Custom-Secret'],
      bodyFields: ['user'],
      patterns: [/alice@\w+\.com/],
    }).interaction(interaction());
    expect(out.request.headers['x-custom-secret']).toBe('[REDACTED]');
    expect(out.request.headers['authorization']).toBe('[REDACTED]');
    expect((out.request.body as { json: { user: string } }).json.user).toBe('[REDACTED]');
    expect(JSON.stringify(out)).not.toMatch(/sk-(?!\[REDACTED\])/);
  });

  it('scrubs the key actually used whatever its shape, and binary bodies keep their length', () => {
    const secret = 'azure-0123456789abcdef';
    const bytes = Buffer.from(`\x00\x01key=${secret};sk-proj-binary0123456789\xff`, 'latin1');
    const i = interaction();
    i.response.body = { base64: bytes.toString('base64'), contentType: 'application/octet-stream' };
    i.request.body = { text: `key ${secret}` };
    const out = createRedactor().interaction(i, [secret]);
    const body = out.response.body as { base64: string };
    const after = Buffer.from(body.base64, 'base64');
    expect(after.byteLength).toBe(bytes.byteLength);
    expect(after.toString('latin1')).not.toContain(secret);
    expect(after.toString('latin1')).not.toContain('binary0123456789');
    expect(out.request.body).toEqual({ text: 'key [REDACTED]' });
  });
});
