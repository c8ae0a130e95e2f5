import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';
import { apiError, expectWellFormed } from './sdk-responses-helpers.js';

const clock = createVirtualClock();
// Background responses stay queued for 50 ms, then run for at least 250 ms (the defaults, said out loud).
const server = await useMockServer({
  clock,
  features: { responses: { backgroundQueuedMs: 50, backgroundRunMs: 250 } },
});
const { client } = server;
const body = { model: 'gpt-4o', input: 'Write a haiku about the Danube', background: true };

/** Reads a stream while moving the virtual clock, until the stream ends (or `stop` says to break off). */
async function drain(
  stream: AsyncIterable<ResponseStreamEvent>,
  stop: (e: ResponseStreamEvent) => boolean = () => false,
) {
  const events: ResponseStreamEvent[] = [];
  let done = false;
  const reading = (async () => {
    for await (const event of stream) {
      events.push(event);
      if (stop(event)) break;
    }
  })().finally(() => {
    done = true;
  });
  for (let i = 0; !done && i < 2000; i++) {
    await clock.advance(5);
    await new Promise((r) => setTimeout(r, 0));
  }
  await reading;
  return events;
}

describe('background responses', () => {
  it('move from queued to in_progress to completed as polling sees the clock advance', async () => {
    const created = await client.responses.create(body);
    expect(created).toMatchObject({ status: 'queued', background: true, output: [] });
    expect((await client.responses.retrieve(created.id)).status).toBe('queued');
    await clock.advance(50);
    expect((await client.responses.retrieve(created.id)).status).toBe('in_progress');
    await clock.advance(250);
    const done = await client.responses.retrieve(created.id);
    expect(done.status).toBe('completed');
    expect(done.output_text.length).toBeGreaterThan(0);
    expect(done.usage!.output_tokens).toBeGreaterThan(0);
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
  });

  it('cancel stops a running response for good; cancelling again returns it unchanged', async () => {
    const created = await client.responses.create(body);
    await clock.advance(60);
    const cancelled = await client.responses.cancel(created.id);
    expect(cancelled).toMatchObject({ id: created.id, status: 'cancelled', output: [] });
    await clock.advance(1000);
    expect((await client.responses.retrieve(created.id)).status).toBe('cancelled');
    expect((await client.responses.cancel(created.id)).status).toBe('cancelled');
  });

  it('refuses to cancel a finished response or one that did not run in the background', async () => {
    const created = await client.responses.create(body);
    await clock.advance(400);
    const finished = await apiError(client.responses.cancel(created.id));
    expect(finished.status).toBe(400);
    expect((finished.error as { message: string }).message).toBe('Cannot cancel a completed response.');
    const foreground = await client.responses.create({ model: 'gpt-4o', input: 'hi' });
    const sync = await apiError(client.responses.cancel(foreground.id));
    expect((sync.error as { message: string }).message).toBe('Cannot cancel a synchronous response.');
    expect((await apiError(client.responses.create({ ...body, store: false }))).param).toBe('background');
  });

  it('streams queued, in-progress and output events as the job runs', async () => {
    const events = await drain(await client.responses.create({ ...body, stream: true }));
    expectWellFormed(events);
    expect(events.slice(0, 3).map((e) => e.type)).toEqual([
      'response.created',
      'response.queued',
      'response.in_progress',
    ]);
    const created = events[0]!;
    expect(created.type === 'response.created' && created.response.status).toBe('queued');
    expect(events.at(-1)!.type).toBe('response.completed');
  });

  it('resumes a dropped stream from starting_after with nothing lost or repeated', async () => {
    let deltas = 0;
    const head = await drain(await client.responses.create({ ...body, stream: true }), (e) =>
      e.type === 'response.output_text.delta' ? ++deltas === 3 : false,
    );
    const id = (head[0] as { response: { id: string } }).response.id;
    expect((await client.responses.retrieve(id)).status).toBe('in_progress');
    const last = head.at(-1)!.sequence_number;
    const tail = await drain(await client.responses.retrieve(id, { stream: true, starting_after: last }));
    expect(tail[0]!.sequence_number).toBe(last + 1);
    expectWellFormed(tail, { resumed: true });
    const whole = [...head, ...tail];
    expectWellFormed(whole);
    expect(whole.map((e) => e.sequence_number)).toEqual(whole.map((_, i) => i));
    expect((await client.responses.retrieve(id)).status).toBe('completed');
  });
});
