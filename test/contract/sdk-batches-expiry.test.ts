import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';
import { chatLine, downloadJsonl, uploadJsonl } from './sdk-batches-helpers.js';

const HOUR = 3600_000;
const slow = await useMockServer({
  clock: createVirtualClock(),
  features: { batches: { lineMs: 10 * HOUR } },
});
const hanging = await useMockServer({ clock: createVirtualClock() });
// Stands in for a `timeout` fault: the request never gets an answer.
hanging.engine.use('faults', (ctx, next) =>
  ctx.body?.messages?.[0]?.content === 'HANG' ? new Promise(() => {}) : next(),
);

const expiredLine = {
  response: null,
  error: {
    code: 'batch_expired',
    message: 'This request could not be executed before the completion window expired.',
  },
};

describe('a batch that outlives its 24h completion window', () => {
  it('expires at expires_at; finished lines stay in the output, the rest go to the error file', async () => {
    const { client } = slow;
    const file = await uploadJsonl(client, [chatLine('a'), chatLine('b'), chatLine('c')]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await slow.engine.batches.advance(23 * HOUR);
    expect(await client.batches.retrieve(created.id)).toMatchObject({
      status: 'in_progress',
      request_counts: { total: 3, completed: 2, failed: 0 },
    });
    await slow.engine.batches.advance(HOUR);
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({ status: 'expired', request_counts: { total: 3, completed: 2, failed: 1 } });
    expect(batch.expired_at).toBe(batch.expires_at);
    expect((await downloadJsonl(client, batch.output_file_id!)).map((l) => l.custom_id)).toEqual(['a', 'b']);
    const errors = await downloadJsonl(client, batch.error_file_id!);
    expect(errors).toEqual([{ id: expect.stringMatching(/^batch_req_/), custom_id: 'c', ...expiredLine }]);
  });

  it('expires a batch stuck on a request that never answers, abandoning that request', async () => {
    const { client } = hanging;
    const file = await uploadJsonl(client, [chatLine('first'), chatLine('stuck', 'HANG'), chatLine('after')]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await hanging.engine.batches.advance(HOUR);
    expect(await client.batches.retrieve(created.id)).toMatchObject({
      status: 'in_progress',
      request_counts: { completed: 1, failed: 0 },
    });
    await hanging.engine.batches.advance(23 * HOUR);
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({ status: 'expired', request_counts: { total: 3, completed: 1, failed: 2 } });
    expect(
      (await downloadJsonl(client, batch.error_file_id!)).map((l) => [l.custom_id, l.error.code]),
    ).toEqual([
      ['stuck', 'batch_expired'],
      ['after', 'batch_expired'],
    ]);
  });
});
