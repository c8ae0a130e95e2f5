import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

/**
 * Background work of the resources no simulator owns walks its real states on the engine's clock: a virtual
 * clock here, so each state is seen without sleeping, and nothing moves until the test says so.
 */
const clock = createVirtualClock();
const server = await useMockServer({ seed: 11, clock });
const { client } = server;

const upload = (text: string, name = 'notes.txt') =>
  client.files.create({ file: new File([text], name), purpose: 'assistants' });

describe('vector stores', () => {
  it('ingest files on the clock, with counts and bytes that follow the files', async () => {
    const a = await upload('Paperclips hold sheets of paper together.');
    const b = await upload('Staplers bind paper for good.');
    const store = await client.vectorStores.create({ name: 'Office supplies', metadata: { team: 'ops' } });
    expect(store).toMatchObject({ name: 'Office supplies', metadata: { team: 'ops' }, status: 'completed' });
    expect(store.id).toMatch(/^vs_[0-9a-f]{32}$/);

    const file = await client.vectorStores.files.create(store.id, { file_id: a.id });
    expect(file).toMatchObject({ id: a.id, status: 'in_progress', vector_store_id: store.id });
    const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: [b.id] });
    expect(batch.id).toMatch(/^vsfb_/);
    expect(batch).toMatchObject({ status: 'in_progress', file_counts: { in_progress: 1, total: 1 } });
    let now = await client.vectorStores.retrieve(store.id);
    expect(now.status).toBe('in_progress');
    expect(now.file_counts).toEqual({ in_progress: 2, completed: 0, failed: 0, cancelled: 0, total: 2 });

    await clock.advance(1_000);
    now = await client.vectorStores.retrieve(store.id);
    expect(now.status).toBe('completed');
    expect(now.file_counts).toEqual({ in_progress: 0, completed: 2, failed: 0, cancelled: 0, total: 2 });
    expect(now.usage_bytes).toBe(a.bytes + b.bytes);
    expect(
      (await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id })).status,
    ).toBe('completed');
    const inBatch = [];
    for await (const f of client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id }))
      inBatch.push(f.id);
    expect(inBatch).toEqual([b.id]);

    const hits = await client.vectorStores.search(store.id, { query: 'paperclips' });
    expect(hits.data[0]).toMatchObject({ file_id: a.id, filename: 'notes.txt' });
    expect(hits.data[0]!.content[0]!.text).toContain('Paperclips');
  });

  it('keep files under their store: another store does not see them, a missing store is a 404', async () => {
    const f = await upload('scoped');
    const one = await client.vectorStores.create({ name: 'one' });
    const two = await client.vectorStores.create({ name: 'two' });
    await client.vectorStores.files.create(one.id, { file_id: f.id });
    const inTwo = await client.vectorStores.files.list(two.id);
    expect(inTwo.data).toEqual([]);
    const wrong = await client.vectorStores.files.retrieve(f.id, { vector_store_id: two.id }).catch((e) => e);
    expect(wrong).toBeInstanceOf(APIError);
    expect((wrong as APIError).status).toBe(404);
    const missing = await client.vectorStores.files.list('vs_missing').catch((e) => e);
    expect((missing as APIError).status).toBe(404);
    expect((missing as APIError).message).toBe("404 No vector store found with id 'vs_missing'.");
    // Deleting the store takes its files with it.
    await client.vectorStores.delete(one.id);
    expect(((await client.vectorStores.files.list(one.id).catch((e) => e)) as APIError).status).toBe(404);
  });

  it('refuse a file the Files API does not have, as the real API does', async () => {
    const store = await client.vectorStores.create({ name: 'strict' });
    const error = await client.vectorStores.files.create(store.id, { file_id: 'file-nope' }).catch((e) => e);
    expect((error as APIError).status).toBe(404);
    expect((error as APIError).message).toContain("No file found with id 'file-nope'.");
  });
});

describe('fine-tuning jobs', () => {
  it('go validating_files → queued → running → succeeded, and cancel only while not finished', async () => {
    const training = await client.files.create({
      file: new File(['{"messages":[]}\n'], 'train.jsonl'),
      purpose: 'fine-tune',
    });
    const started = clock.now();
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: training.id });
    expect(job.id).toMatch(/^ftjob-/);
    expect(job).toMatchObject({
      status: 'validating_files',
      model: 'gpt-4o-mini',
      training_file: training.id,
    });
    expect(job.fine_tuned_model).toBeNull();
    const seen = [job.status];
    for (let i = 0; i < 8; i++) {
      await clock.advance(500);
      const s = (await client.fineTuning.jobs.retrieve(job.id)).status;
      if (s !== seen[seen.length - 1]) seen.push(s);
    }
    expect(seen).toEqual(['validating_files', 'queued', 'running', 'succeeded']);
    const done = await client.fineTuning.jobs.retrieve(job.id);
    expect(done.fine_tuned_model).toMatch(/^ft:gpt-4o-mini:/);
    expect(done.finished_at).toBe(Math.floor((started + 3_000) / 1000));
    const late = await client.fineTuning.jobs.cancel(job.id).catch((e) => e);
    expect((late as APIError).status).toBe(400);

    const other = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: training.id });
    expect((await client.fineTuning.jobs.cancel(other.id)).status).toBe('cancelled');
    await clock.advance(10_000);
    expect((await client.fineTuning.jobs.retrieve(other.id)).status).toBe('cancelled');
  });

  it('pause and resume: a paused job does not move until resumed', async () => {
    const training = await upload('{}', 'train.jsonl');
    const job = await client.fineTuning.jobs.create({ model: 'gpt-4o-mini', training_file: training.id });
    await client.fineTuning.jobs.pause(job.id);
    await clock.advance(60_000);
    expect((await client.fineTuning.jobs.retrieve(job.id)).fine_tuned_model).toBeNull();
    await client.fineTuning.jobs.resume(job.id);
    await clock.advance(60_000);
    expect((await client.fineTuning.jobs.retrieve(job.id)).status).toBe('succeeded');
  });
});

describe('Assistants runs', () => {
  it('go queued → in_progress → completed; a cancel goes through cancelling to cancelled', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Helper' });
    const thread = await client.beta.threads.create({ metadata: { user: 'u1' } });
    expect(thread.id).toMatch(/^thread_/);
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    expect(run).toMatchObject({ status: 'queued', thread_id: thread.id, assistant_id: assistant.id });
    expect(run.id).toMatch(/^run_/);
    await clock.advance(200);
    expect((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe(
      'in_progress',
    );
    await clock.advance(800);
    const done = await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id });
    expect(done.status).toBe('completed');
    expect(done.completed_at).toBe(Math.floor(clock.now() / 1000));

    const second = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    expect((await client.beta.threads.runs.cancel(second.id, { thread_id: thread.id })).status).toBe(
      'cancelling',
    );
    await clock.advance(100);
    expect((await client.beta.threads.runs.retrieve(second.id, { thread_id: thread.id })).status).toBe(
      'cancelled',
    );
  });
});

describe('Assistants threads and messages', () => {
  it('keep what was sent, and a completed run leaves the reply in its thread', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', instructions: 'Be brief.' });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'Name three uses for a paperclip' }],
    });
    const first = await client.beta.threads.messages.list(thread.id);
    expect(first.data).toHaveLength(1);
    expect(first.data[0]).toMatchObject({
      role: 'user',
      thread_id: thread.id,
      content: [{ type: 'text', text: { value: 'Name three uses for a paperclip', annotations: [] } }],
    });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await clock.advance(1_000);
    const after = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(after.data.map((m) => m.role)).toEqual(['user', 'assistant']);
    const reply = after.data[1]!;
    expect(reply).toMatchObject({ run_id: run.id, assistant_id: assistant.id });
    expect(JSON.stringify(reply.content)).toMatch(/paperclip/);
  });

  it('createAndRun makes the thread, its messages and the run', async () => {
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const run = await client.beta.threads.createAndRun({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'hello there' }] },
    });
    expect(run.status).toBe('queued');
    const thread = await client.beta.threads.retrieve(run.thread_id);
    expect(thread.id).toMatch(/^thread_/);
    expect((await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).id).toBe(run.id);
    const messages = await client.beta.threads.messages.list(thread.id);
    expect(messages.data.map((m) => m.content[0])).toEqual([
      { type: 'text', text: { value: 'hello there', annotations: [] } },
    ]);
  });
});

describe('eval runs and videos', () => {
  it('an eval run completes with result counts that add up', async () => {
    const evaluation = await client.evals.create({
      name: 'Support answers',
      data_source_config: { type: 'custom', item_schema: { type: 'object' } },
      testing_criteria: [
        {
          type: 'string_check',
          name: 'exact',
          input: '{{sample.output_text}}',
          reference: 'ok',
          operation: 'eq',
        },
      ],
    });
    expect(evaluation.name).toBe('Support answers');
    const run = await client.evals.runs.create(evaluation.id, {
      name: 'nightly',
      data_source: { type: 'jsonl', source: { type: 'file_content', content: [{ item: {} }] } },
    });
    expect(run.id).toMatch(/^evalrun_/);
    expect(run.status).toBe('queued');
    await clock.advance(2_000);
    const done = await client.evals.runs.retrieve(run.id, { eval_id: evaluation.id });
    expect(done.status).toBe('completed');
    const c = done.result_counts;
    expect(c.total).toBe(c.passed + c.failed + c.errored);
    expect(c.total).toBeGreaterThan(0);
  });

  it('a video renders queued → in_progress (with progress) → completed', async () => {
    const video = await client.videos.create({ prompt: 'A paperclip on a desk', model: 'sora-2' });
    expect(video).toMatchObject({ status: 'queued', progress: 0, prompt: 'A paperclip on a desk' });
    expect(video.id).toMatch(/^video_/);
    await clock.advance(1_500);
    const midway = await client.videos.retrieve(video.id);
    expect(midway).toMatchObject({ status: 'in_progress', progress: 50 });
    await clock.advance(1_000);
    const done = await client.videos.retrieve(video.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    expect(done.expires_at).toBe((done.completed_at ?? 0) + 86_400);
  });
});
