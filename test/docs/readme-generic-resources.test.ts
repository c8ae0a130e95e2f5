import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { createVirtualClock, startMockServer } from '../../src/index.js';

it('runs the README example of the generic resources as written', async () => {
  const clock = createVirtualClock();
  await using server = await startMockServer({ port: 0, clock, warn: () => {} });
  const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url });
  const file = await client.files.create({
    file: new File(['Paperclips hold paper.'], 'faq.txt'),
    purpose: 'assistants',
  });
  const store = await client.vectorStores.create({ name: 'FAQ', file_ids: [] });
  const added = await client.vectorStores.files.create(store.id, { file_id: file.id });
  expect(added.status).toBe('in_progress');
  await clock.advance(1_000);
  const ready = await client.vectorStores.retrieve(store.id);
  expect(ready.status).toBe('completed');
  expect(ready.file_counts.completed).toBe(1);
  const hits = await client.vectorStores.search(store.id, { query: 'paperclips' });
  expect(hits.data[0]?.file_id).toBe(file.id);
});
