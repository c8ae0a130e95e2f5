// The examples of src/client/README.md, run as written against our own server.

import { expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();

it('runs the src/client/README.md helper examples', async () => {
  const client = new OpenAIClient({ baseURL: server.url, apiKey: 'test' });
  const messages = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];
  let printed = '';

  const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages });
  stream.on('content', (delta) => {
    printed += delta;
  });
  const completion = await stream.finalChatCompletion();
  expect(printed).toBe(completion.choices[0]?.message.content);

  const response = await client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi' }).finalResponse();
  expect(response.output_text.length).toBeGreaterThan(0);

  const runner = client.chat.completions.runTools(
    {
      model: 'gpt-4o-mini',
      messages,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            function: ({ city }: { city: string }) => ({ city, celsius: 21 }),
          },
        },
      ],
    },
    { maxChatCompletions: 5 },
  );
  expect(typeof (await runner.finalContent())).toBe('string');
  expect(runner.toolCalls.length).toBeGreaterThan(0);

  const { data, request_id } = await client.models.list().withResponse();
  expect(data.data.length).toBeGreaterThan(0);
  expect(request_id).toMatch(/^req_/);
});
