import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { applyErrata } from '../../src/contract/errata.js';
import { loadContract, locateSpec } from '../../src/contract/index.js';
import { useMockServer } from '../helpers/server.js';

/**
 * Where the document disagrees with what the real API sends, bodies shaped like real traffic must still
 * validate (the errata), and the simulator sends what the real API sends.
 */
const contract = await loadContract();
const server = await useMockServer();

/** A Responses body as the real API sends it: `"user": null`, usage without `cache_write_tokens`. */
const realResponse = {
  id: 'resp_0a1b2c',
  object: 'response',
  created_at: 1751642570,
  status: 'completed',
  background: false,
  error: null,
  incomplete_details: null,
  instructions: null,
  max_output_tokens: null,
  max_tool_calls: null,
  model: 'gpt-4o-2024-08-06',
  output: [
    {
      id: 'msg_0a1b2c',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hi there.', annotations: [], logprobs: [] }],
    },
  ],
  parallel_tool_calls: true,
  previous_response_id: null,
  reasoning: { effort: null, summary: null },
  service_tier: 'default',
  store: true,
  temperature: 1,
  text: { format: { type: 'text' } },
  tool_choice: 'auto',
  tools: [],
  top_logprobs: 0,
  top_p: 1,
  truncation: 'disabled',
  usage: {
    input_tokens: 9,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 4,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 13,
  },
  user: null,
  metadata: {},
};

/** A chat completion recorded before refusals existed: no `message.refusal`. */
const olderChat = {
  id: 'chatcmpl-0a1b2c',
  object: 'chat.completion',
  created: 1715367049,
  model: 'gpt-4o-2024-05-13',
  choices: [
    { index: 0, message: { role: 'assistant', content: 'Hi there.' }, logprobs: null, finish_reason: 'stop' },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
  system_fingerprint: 'fp_0a1b2c',
};

describe('errata: real bodies validate where the document is wrong', () => {
  it('a Responses body with "user": null and usage without cache_write_tokens', () => {
    expect(contract.validateSchema('/components/schemas/Response', realResponse, 'response')).toEqual([]);
    expect(
      contract.validateSchema('/components/schemas/ResponseUsage', realResponse.usage, 'response'),
    ).toEqual([]);
  });

  it('a chat completion without message.refusal', () => {
    expect(
      contract.validateSchema('/components/schemas/CreateChatCompletionResponse', olderChat, 'response'),
    ).toEqual([]);
  });

  it('each is an erratum the raw document needs (without them the bodies above are invalid)', async () => {
    const raw = JSON.parse(await readFile(locateSpec().path, 'utf8'));
    const schemas = raw.components.schemas;
    expect(schemas.ModelResponseProperties.properties.user.type).toBe('string');
    expect(schemas.ChatCompletionResponseMessage.required).toContain('refusal');
    expect(schemas.ResponseUsage.properties.input_tokens_details.required).toContain('cache_write_tokens');
    expect(applyErrata(raw)).toEqual(
      expect.arrayContaining([
        'ModelResponseProperties.user may be null',
        'ChatCompletionResponseMessage.refusal is optional',
        'ResponseUsage.input_tokens_details.cache_write_tokens is optional',
      ]),
    );
  });

  it('the simulator sends what the real API sends: "user": null, no cache_write_tokens', async () => {
    const response = await server.client.responses.create({ model: 'gpt-4o', input: 'hi' });
    const body = response as unknown as Record<string, any>;
    expect(body['user']).toBeNull();
    expect(body['usage'].input_tokens_details).toEqual({ cached_tokens: 0 });
    const named = await server.client.responses.create({ model: 'gpt-4o', input: 'hi', user: 'user-42' });
    expect(named.user).toBe('user-42');
  });
});
