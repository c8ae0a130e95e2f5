import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import type { MockResponse } from '../../src/engine/index.js';
import { countTokens } from '../../src/fixtures/index.js';

const engine = buildEngine(await loadContract(), { checkResponses: true });
const text = 'Hi 👋🏽 東京, see you 🧑🏽‍🚀 soon';
engine.fixtures.add({ match: { user: 'emoji please' }, reply: { text } });

const ask = (stream: boolean) =>
  engine.handle({
    method: 'POST',
    path: '/v1/chat/completions',
    query: {},
    headers: { 'content-type': 'application/json' },
    body: {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'emoji please' }],
      ...(stream && { stream: true, stream_options: { include_usage: true } }),
    },
  });

async function streamedUsage(response: MockResponse) {
  if (response.body.kind !== 'sse') throw new Error('expected a stream');
  let usage: { completion_tokens: number } | undefined;
  for await (const event of response.body.events) {
    const data = event.data as { usage?: { completion_tokens: number } } | string;
    if (typeof data === 'object' && data.usage) usage = data.usage;
  }
  return usage;
}

describe('chat usage', () => {
  it('counts the same completion tokens streamed and not, even for characters spanning several tokens', async () => {
    const plain = await ask(false);
    const plainUsage =
      plain.body.kind === 'json'
        ? (plain.body.value as { usage: { completion_tokens: number } }).usage
        : undefined;
    const streamed = await streamedUsage(await ask(true));
    expect(plainUsage?.completion_tokens).toBe(countTokens(text, 'gpt-4o-mini'));
    expect(streamed?.completion_tokens).toBe(plainUsage?.completion_tokens);
    expect(engine.journal.entries().flatMap((e) => e.validation)).toEqual([]);
  });
});
