import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { chatLine, downloadJsonl, uploadJsonl } from './sdk-batches-helpers.js';

const instant = await useMockServer({ features: { batches: { speed: 'instant' } } });
const fast = await useMockServer({ features: { batches: { speed: 20 } } });
const paced = await useMockServer();

async function pollUntilDone(server: typeof instant, id: string) {
  for (;;) {
    const batch = await server.client.batches.retrieve(id);
    if (['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) return batch;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('batches on the real clock', () => {
  it('completes at once with speed instant, as a polling pipeline sees it', async () => {
    const { client } = instant;
    const file = await uploadJsonl(
      client,
      ['a', 'b', 'c', 'd'].map((id) => chatLine(id)),
    );
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const batch = await pollUntilDone(instant, created.id);
    expect(batch.status).toBe('completed');
    expect((await downloadJsonl(client, batch.output_file_id!)).map((l) => l.custom_id)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('passes through the states in order at a faster pace', async () => {
    const { client } = fast;
    const file = await uploadJsonl(client, [chatLine('a'), chatLine('b')]);
    const created = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const seen = [created.status];
    for (;;) {
      const { status } = await client.batches.retrieve(created.id);
      if (status !== seen[seen.length - 1]) seen.push(status);
      if (status === 'completed') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    // Every state a poller can see, in order; 2 ms polls against 5–20 ms steps may skip none or some.
    const order = ['validating', 'in_progress', 'finalizing', 'completed'];
    expect(seen.map((s) => order.indexOf(s))).toEqual([...seen.map((s) => order.indexOf(s))].sort());
    expect(seen[0]).toBe('validating');
  });

  it('paces a few-line batch to finish in about a second by default', () => {
    const { validatingMs, lineMs, finalizingMs } = paced.engine.batches.timing;
    const fiveLines = validatingMs + 5 * lineMs + finalizingMs;
    expect(fiveLines).toBeGreaterThanOrEqual(500);
    expect(fiveLines).toBeLessThanOrEqual(1500);
  });

  it('answers 409 when asked to move the real clock', async () => {
    const res = await fetch(`${paced.origin}/__mock/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ ms: 1000 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toContain('--clock virtual');
    const clock = await (await fetch(`${paced.origin}/__mock/clock`)).json();
    expect(clock.virtual).toBe(false);
    expect(Math.abs(clock.now - Date.now())).toBeLessThan(5_000);
  });
});
