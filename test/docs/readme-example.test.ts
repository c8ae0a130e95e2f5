import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { startMockServer } from '../../src/index.js';

it('runs the README example as written', async () => {
  await using server = await startMockServer({ port: 0, seed: 1, warn: () => {} });
  const client = new OpenAI({ apiKey: 'sk-anything', baseURL: server.url });
  const reply = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Name three uses for a paperclip' }],
  });
  expect(reply.choices[0]?.message.content).toMatch(/paperclip/i);
  expect(reply.usage?.prompt_tokens).toBeGreaterThan(5);
  expect(server.journal.entries()[0]?.status).toBe(200);
});
