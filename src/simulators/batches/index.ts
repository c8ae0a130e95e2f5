import type { EngineCore } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { json, type OperationHandler } from '../../engine/handler.js';
import { objectBody, oneOf, readMetadata, requiredString } from '../files/body-fields.js';
import { readExpiresAfter } from '../files/expires-after.js';
import { requireFile } from '../files/file-store.js';
import { ordered, pageOf, readPageQuery } from '../files/list-page.js';
import { batchStore } from './runner/batch-run.js';
import { batchScheduler } from './runner/batch-scheduler.js';
import { BATCH_ENDPOINTS, type BatchRecord, COMPLETION_WINDOW_MS } from './runner/batch-types.js';

const notFound = (id: string) =>
  new OpenAIHttpError(404, `No batch found with id '${id}'.`, { param: 'batch_id' });

/** Headers a batch's lines carry, taken from the request that created it: the key and the test scope. */
const CARRIED_HEADERS = ['authorization', 'api-key', 'x-mock-test-id'];

async function requireBatch(engine: EngineCore, id: string): Promise<BatchRecord> {
  const record = await batchScheduler(engine).read(id);
  if (!record) throw notFound(id);
  return record;
}

/** The Batch API: create from an uploaded JSONL file, then watch it run on the engine's clock. */
export const batchHandlers: OperationHandler[] = [
  {
    operationId: 'createBatch',
    method: 'POST',
    path: '/batches',
    async handle(ctx) {
      const body = objectBody(ctx.body);
      const inputFileId = requiredString(body, 'input_file_id');
      const endpoint = oneOf('endpoint', requiredString(body, 'endpoint'), BATCH_ENDPOINTS);
      const completionWindow = oneOf('completion_window', requiredString(body, 'completion_window'), [
        '24h',
      ] as const);
      const metadata = readMetadata(body['metadata']);
      const outputExpiresAfterSeconds = readExpiresAfter(
        body['output_expires_after'],
        'output_expires_after',
      );
      const file = await requireFile(ctx.engine, inputFileId, 'input_file_id');
      if (file.purpose !== 'batch')
        throw new OpenAIHttpError(
          400,
          `The input file must be uploaded with purpose 'batch', but ${file.id} has purpose '${file.purpose}'.`,
          {
            param: 'input_file_id',
            code: 'invalid_value',
          },
        );
      const scheduler = batchScheduler(ctx.engine);
      const createdMs = ctx.engine.clock.now();
      const record: BatchRecord = {
        batch: {
          id: ctx.engine.ids.next('batch', ctx.random),
          object: 'batch',
          endpoint,
          input_file_id: file.id,
          completion_window: completionWindow,
          status: 'validating',
          created_at: ctx.engine.timestamp(),
          expires_at: Math.floor((createdMs + COMPLETION_WINDOW_MS) / 1000),
          request_counts: { total: 0, completed: 0, failed: 0 },
          metadata,
        },
        createdMs,
        outputExpiresAfterSeconds,
      };
      await batchStore(ctx.engine).set(record.batch.id, record);
      const headers: Record<string, string> = {};
      for (const name of CARRIED_HEADERS) {
        const value = ctx.request.headers[name];
        if (value !== undefined) headers[name] = value;
      }
      scheduler.start(record, headers);
      return json(record.batch);
    },
  },
  {
    operationId: 'listBatches',
    method: 'GET',
    path: '/batches',
    async handle(ctx) {
      const q = readPageQuery(ctx.query, { defaultLimit: 20, maxLimit: 100, defaultOrder: 'desc' });
      const all = ordered(
        (await batchScheduler(ctx.engine).list()).map((r) => r.batch),
        'desc',
      );
      return json(
        pageOf(
          all,
          q,
          () => true,
          (b) => b,
        ),
      );
    },
  },
  {
    operationId: 'retrieveBatch',
    method: 'GET',
    path: '/batches/{batch_id}',
    handle: async (ctx) => json((await requireBatch(ctx.engine, ctx.params['batch_id']!)).batch),
  },
  {
    operationId: 'cancelBatch',
    method: 'POST',
    path: '/batches/{batch_id}/cancel',
    async handle(ctx) {
      const id = ctx.params['batch_id']!;
      const record = await requireBatch(ctx.engine, id);
      const status = record.batch.status;
      if (status === 'cancelling') return json(record.batch);
      if (status !== 'validating' && status !== 'in_progress')
        throw new OpenAIHttpError(409, `Cannot cancel a batch with status '${status}'.`, {
          param: 'batch_id',
        });
      const scheduler = batchScheduler(ctx.engine);
      const run = scheduler.run(id);
      if (run) await run.cancel();
      return json((await scheduler.read(id))?.batch ?? record.batch);
    },
  },
];
