// Small, realistic bodies for client tests.

export function chatCompletion(content = 'Hello!', overrides: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    ...overrides,
  };
}

export function chatChunk(content: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
    ...extra,
  };
}

export function responseObject(text = 'Hi there', overrides: Record<string, unknown> = {}) {
  return {
    id: 'resp_1',
    object: 'response',
    created_at: 1_700_000_000,
    model: 'gpt-4.1-mini',
    status: 'completed',
    error: null,
    incomplete_details: null,
    output: [
      {
        type: 'message',
        id: 'msg_1',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: 20,
      output_tokens: 4,
      total_tokens: 24,
      input_tokens_details: { cached_tokens: 10 },
      output_tokens_details: { reasoning_tokens: 0 },
    },
    ...overrides,
  };
}

export function rateLimitBody(code = 'rate_limit_exceeded') {
  return {
    error: {
      message: code === 'insufficient_quota' ? 'You exceeded your current quota.' : 'Rate limit reached.',
      type: code === 'insufficient_quota' ? 'insufficient_quota' : 'requests',
      param: null,
      code,
    },
  };
}
