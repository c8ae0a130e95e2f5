import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';
import { chatLine, downloadJsonl, uploadJsonl } from './sdk-batches-helpers.js';

// Lines must carry the key of the request that created the batch.
const server = await useMockServer({ clock: createVirtualClock(), requireApiKey: 'sk-test-key' });
const { client } = server;
describe('batch lines run through the same pipeline as live requests', () => {
  it('applies fault rules to chosen lines, whose answers land in the error file', async () => {
    server.engine.faults.add({
      match: { path: '/chat/completions', metadata: { fail: 'yes' } },
      status: 503,
    });
    const file = await uploadJsonl(client, [
      chatLine('a'),
      chatLine('b', 'x', { metadata: { fail: 'yes' } }),
      chatLine('c'),
    ]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await server.engine.batches.advance(5_000);
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 3, completed: 2, failed: 1 },
    });
    const [failed] = await downloadJsonl(client, batch.error_file_id!);
    expect(failed).toMatchObject({
      custom_id: 'b',
      error: null,
      response: { status_code: 503, body: { error: { type: expect.any(String) } } },
    });
    const faulted = server.journal.entries().filter((e) => e.fault !== null);
    expect(faulted.map((e) => [e.path, e.status])).toEqual([['/v1/chat/completions', 503]]);
  });

  it('records a dropped connection as a 500 line', async () => {
    server.engine.faults.add({ match: { path: '/chat/completions' }, sequence: ['pass', 'reset'] });
    const file = await uploadJsonl(client, [chatLine('a'), chatLine('b')]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await server.engine.batches.advance(5_000);
    const batch = await client.batches.retrieve(created.id);
    expect(batch.request_counts).toEqual({ total: 2, completed: 1, failed: 1 });
    const [failed] = await downloadJsonl(client, batch.error_file_id!);
    expect(failed).toMatchObject({
      custom_id: 'b',
      response: { status_code: 500, body: { error: { type: 'server_error' } } },
    });
  });

  it('marks line requests with x-mock-batch-id, so a rule can target batch lines only', async () => {
    server.engine.faults.add({ match: { header: { 'x-mock-batch-id': true } }, status: 500 });
    const live = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(live.object).toBe('chat.completion');
    const file = await uploadJsonl(client, [chatLine('a')]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await server.engine.batches.advance(5_000);
    expect((await client.batches.retrieve(created.id)).request_counts).toEqual({
      total: 1,
      completed: 0,
      failed: 1,
    });
  });

  it('carries the test scope and the API key of the creating request to every line', async () => {
    const file = await uploadJsonl(client, [chatLine('a'), chatLine('b')]);
    const created = await client.batches.create(
      { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
      { headers: { 'x-mock-test-id': 'nightly-job' } },
    );
    await server.engine.batches.advance(5_000);
    expect((await client.batches.retrieve(created.id)).request_counts).toEqual({
      total: 2,
      completed: 2,
      failed: 0,
    });
    const lines = server.journal
      .entries({ scope: 'nightly-job' })
      .filter((e) => e.path === '/v1/chat/completions');
    expect(lines.map((e) => e.status)).toEqual([200, 200]);
  });

  it('gives the same content for the same line in another batch (seeded by the request)', async () => {
    const run = async () => {
      const file = await uploadJsonl(client, [chatLine('same')]);
      const created = await client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      await server.engine.batches.advance(5_000);
      const batch = await client.batches.retrieve(created.id);
      // Timestamps move with the clock; the generated words must not.
      return (await downloadJsonl(client, batch.output_file_id!))[0].response.body.choices[0].message.content;
    };
    const first = await run();
    expect(typeof first).toBe('string');
    expect(await run()).toBe(first);
  });
});
