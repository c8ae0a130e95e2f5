import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';
import { chatLine, downloadJsonl, uploadJsonl } from './sdk-batches-helpers.js';

const clock = createVirtualClock(Date.UTC(2025, 0, 1));
const server = await useMockServer({ clock });
const { client } = server;
const advance = (ms: number) => server.engine.batches.advance(ms);
const chatOperation = server.engine.contract!.operationById('createChatCompletion')!;

async function startBatch(lines: Array<object | string>) {
  const file = await uploadJsonl(client, lines);
  return client.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
    metadata: { job: 'nightly' },
  });
}

describe('a batch on the virtual clock, through the official SDK', () => {
  it('moves validating → in_progress → finalizing → completed, one observable step at a time', async () => {
    const created = await startBatch([chatLine('a'), chatLine('b'), chatLine('c')]);
    const t0 = Math.floor(clock.now() / 1000);
    expect(created).toMatchObject({
      object: 'batch',
      status: 'validating',
      created_at: t0,
      expires_at: t0 + 86_400,
      metadata: { job: 'nightly' },
    });
    expect(created.id).toMatch(/^batch_[0-9a-f]{32}$/);
    expect(created.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });

    await advance(199);
    expect((await client.batches.retrieve(created.id)).status).toBe('validating');
    await advance(1);
    let batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({
      status: 'in_progress',
      model: 'gpt-4o-mini',
      request_counts: { total: 3, completed: 0, failed: 0 },
    });
    expect(batch.in_progress_at).toBe(Math.floor((Date.UTC(2025, 0, 1) + 200) / 1000));

    await advance(100);
    expect((await client.batches.retrieve(created.id)).request_counts).toEqual({
      total: 3,
      completed: 1,
      failed: 0,
    });
    await advance(200);
    batch = await client.batches.retrieve(created.id);
    expect(batch.status).toBe('finalizing');
    expect(batch.request_counts?.completed).toBe(3);
    expect(batch.output_file_id).toBeUndefined();

    await advance(200);
    batch = await client.batches.retrieve(created.id);
    expect(batch.status).toBe('completed');
    expect(batch.completed_at).toBeGreaterThanOrEqual(batch.finalizing_at!);
    expect(batch.error_file_id).toBeUndefined();
    expect(await client.files.retrieve(batch.output_file_id!)).toMatchObject({
      purpose: 'batch_output',
      filename: `batch_${batch.id}_output.jsonl`,
    });

    const output = await downloadJsonl(client, batch.output_file_id!);
    expect(output.map((l) => l.custom_id)).toEqual(['a', 'b', 'c']);
    const lineRequests = server.journal.entries().filter((e) => e.path === '/v1/chat/completions');
    let inputTokens = 0;
    for (const line of output) {
      expect(Object.keys(line).sort()).toEqual(['custom_id', 'error', 'id', 'response']);
      expect(line.id).toMatch(/^batch_req_[0-9a-f]{32}$/);
      expect(line.error).toBeNull();
      expect(line.response.status_code).toBe(200);
      expect(lineRequests.map((e) => e.id)).toContain(line.response.request_id);
      expect(server.engine.contract!.validateResponse(chatOperation, 200, line.response.body)).toEqual([]);
      inputTokens += line.response.body.usage.prompt_tokens;
    }
    expect(batch.usage?.input_tokens).toBe(inputTokens);
  });

  it('writes failed requests to the error file and counts them, keeping the rest', async () => {
    const created = await startBatch([
      chatLine('ok-1'),
      chatLine('bad-temp', 'x', { temperature: 9 }),
      chatLine('ok-2'),
    ]);
    await advance(10_000);
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 3, completed: 2, failed: 1 },
    });
    const output = await downloadJsonl(client, batch.output_file_id!);
    expect(output.map((l) => l.custom_id)).toEqual(['ok-1', 'ok-2']);
    const errors = await downloadJsonl(client, batch.error_file_id!);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      custom_id: 'bad-temp',
      error: null,
      response: {
        status_code: 400,
        body: { error: { param: 'temperature', type: 'invalid_request_error' } },
      },
    });
  });

  it('fails a batch whose input file has malformed lines, naming each line in errors', async () => {
    const created = await startBatch([
      chatLine('fine'),
      '{"custom_id": "broken", ',
      { method: 'POST', url: '/v1/chat/completions', body: {} },
      chatLine('fine'),
      { ...chatLine('elsewhere'), url: '/v1/embeddings' },
    ]);
    await advance(200);
    const batch = await client.batches.retrieve(created.id);
    expect(batch.status).toBe('failed');
    expect(batch.failed_at).toBeDefined();
    expect(batch.errors?.data?.map((e) => [e.line, e.code, e.param])).toEqual([
      [2, 'invalid_json_line', null],
      [3, 'missing_required_parameter', 'custom_id'],
      [4, 'duplicate_custom_id', 'custom_id'],
      [5, 'url_mismatch', 'url'],
    ]);
    expect(batch.errors?.data?.[0]?.message).toBe('This line is not parseable as valid JSON.');
    expect(batch.output_file_id).toBeUndefined();
    expect(batch.request_counts).toEqual({ total: 0, completed: 0, failed: 0 });
    expect(server.journal.entries().filter((e) => e.path === '/v1/chat/completions')).toEqual([]);
  });

  it('cancels mid-way: stops between lines, and the output file holds what finished', async () => {
    const created = await startBatch(['a', 'b', 'c', 'd', 'e'].map((id) => chatLine(id)));
    await advance(200 + 2 * 100);
    const cancelling = await client.batches.cancel(created.id);
    expect(cancelling).toMatchObject({
      status: 'cancelling',
      request_counts: { total: 5, completed: 2, failed: 0 },
    });
    expect(cancelling.cancelling_at).toBe(Math.floor(clock.now() / 1000));
    expect((await client.batches.cancel(created.id)).status).toBe('cancelling');
    await advance(100);
    expect((await client.batches.retrieve(created.id)).request_counts?.completed).toBe(2);
    await advance(100);
    const batch = await client.batches.retrieve(created.id);
    expect(batch).toMatchObject({
      status: 'cancelled',
      request_counts: { total: 5, completed: 2, failed: 0 },
    });
    expect(batch.cancelled_at).toBeDefined();
    expect((await downloadJsonl(client, batch.output_file_id!)).map((l) => l.custom_id)).toEqual(['a', 'b']);
    expect(server.journal.entries().filter((e) => e.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('cancels while validating without running any line', async () => {
    const created = await startBatch([chatLine('a')]);
    expect((await client.batches.cancel(created.id)).status).toBe('cancelling');
    await advance(10_000);
    const batch = await client.batches.retrieve(created.id);
    expect(batch.status).toBe('cancelled');
    expect(batch.output_file_id).toBeUndefined();
    expect(batch.in_progress_at).toBeUndefined();
  });

  it('answers 409 to cancelling a finished batch and 404 to an unknown one', async () => {
    const created = await startBatch([chatLine('a')]);
    await advance(10_000);
    const conflict = await client.batches.cancel(created.id).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(OpenAI.ConflictError);
    expect((conflict as Error).message).toContain("Cannot cancel a batch with status 'completed'.");
    const missing = await client.batches.retrieve('batch_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as Error).message).toContain("No batch found with id 'batch_nope'.");
  });

  it('checks the input file: it must exist and have purpose batch', async () => {
    const other = await client.files.create({
      file: await OpenAI.toFile(Buffer.from('x'), 'x.txt'),
      purpose: 'user_data',
    });
    const wrongPurpose = (await client.batches
      .create({ input_file_id: other.id, endpoint: '/v1/chat/completions', completion_window: '24h' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(wrongPurpose).toBeInstanceOf(OpenAI.BadRequestError);
    expect(wrongPurpose.param).toBe('input_file_id');
    const missing = (await client.batches
      .create({ input_file_id: 'file-missing', endpoint: '/v1/chat/completions', completion_window: '24h' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing.message).toContain('No such File object: file-missing');
  });

  it('lists batches newest first, paging with for await', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await startBatch([chatLine(`l${i}`)])).id);
      await advance(1000);
    }
    const seen: string[] = [];
    for await (const b of client.batches.list({ limit: 2 })) seen.push(b.id);
    expect(seen).toEqual([...ids].reverse());
    const page = await client.batches.list({ limit: 2 });
    expect(page.has_more).toBe(true);
    expect(page.data.every((b) => b.status === 'completed')).toBe(true);
  });
});
