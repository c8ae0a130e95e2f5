import { createHash } from 'node:crypto';
import { isMultipart } from '../../engine/body.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { json, type OperationHandler } from '../../engine/handler.js';
import { objectBody, oneOf, optionalString, requiredInteger, requiredString } from '../files/body-fields.js';
import { readExpiresAfter } from '../files/expires-after.js';
import { fileErrors } from '../files/file-errors.js';
import { fileLimits } from '../files/file-options.js';
import { checkFileForPurpose } from '../files/file-purpose.js';
import { checkCapacity, nowSeconds, saveFile } from '../files/file-store.js';
import {
  finish,
  MAX_PART_BYTES,
  partData,
  partsOf,
  requirePending,
  requireUpload,
  UPLOAD_TTL_SECONDS,
  type UploadRecord,
  uploadParts,
  uploads,
} from './upload-store.js';

const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** The Uploads API: a large file sent in parts, put together in the order `complete` names them. */
export const uploadHandlers: OperationHandler[] = [
  {
    operationId: 'createUpload',
    method: 'POST',
    path: '/uploads',
    async handle(ctx) {
      const body = objectBody(ctx.body);
      const filename = requiredString(body, 'filename');
      const purpose = oneOf('purpose', requiredString(body, 'purpose'), UPLOAD_PURPOSES);
      const size = requiredInteger(body, 'bytes');
      const mimeType = requiredString(body, 'mime_type');
      const fileExpiresAfterSeconds = readExpiresAfter(body['expires_after'], 'expires_after');
      const { maxFileBytes } = fileLimits.of(ctx.engine);
      if (size > maxFileBytes) throw fileErrors.tooLarge(size, maxFileBytes, 'bytes');
      const record: UploadRecord = {
        upload: {
          id: ctx.engine.ids.next('upload', ctx.random),
          object: 'upload',
          bytes: size,
          created_at: ctx.engine.timestamp(),
          filename,
          purpose,
          status: 'pending',
          expires_at: nowSeconds(ctx.engine) + UPLOAD_TTL_SECONDS,
          file: null,
        },
        mimeType,
        fileExpiresAfterSeconds,
      };
      await uploads(ctx.engine).set(record.upload.id, record);
      return json(record.upload);
    },
  },
  {
    operationId: 'addUploadPart',
    method: 'POST',
    path: '/uploads/{upload_id}/parts',
    async handle(ctx) {
      const record = await requireUpload(ctx.engine, ctx.params['upload_id']!);
      requirePending(record, 'add a part to');
      if (!isMultipart(ctx.body)) throw fileErrors.notMultipart(ctx.request.headers['content-type']);
      const data = ctx.body.files['data']?.[0]?.data ?? textPart(ctx.body.fields['data']);
      if (!data) throw fileErrors.missing('data');
      if (data.byteLength > MAX_PART_BYTES)
        throw fileErrors.tooLarge(data.byteLength, MAX_PART_BYTES, 'data');
      await checkCapacity(ctx.engine, data.byteLength, 'data');
      const part = {
        id: ctx.engine.ids.next('part', ctx.random.fork(record.upload.id)),
        object: 'upload.part' as const,
        created_at: ctx.engine.timestamp(),
        upload_id: record.upload.id,
      };
      await partData(ctx.engine).set(part.id, data);
      await uploadParts(ctx.engine).set(part.id, part);
      return json(part);
    },
  },
  {
    operationId: 'completeUpload',
    method: 'POST',
    path: '/uploads/{upload_id}/complete',
    async handle(ctx) {
      const record = await requireUpload(ctx.engine, ctx.params['upload_id']!);
      requirePending(record, 'complete');
      const body = objectBody(ctx.body);
      const partIds = readPartIds(
        body['part_ids'],
        record,
        new Set((await partsOf(ctx.engine, record.upload.id)).map((p) => p.id)),
      );
      const md5 = optionalString(body, 'md5');
      const chunks: Uint8Array[] = [];
      for (const id of partIds) chunks.push((await partData(ctx.engine).get(id)) ?? new Uint8Array());
      const data = concat(chunks);
      const { upload } = record;
      if (data.byteLength !== upload.bytes)
        throw new OpenAIHttpError(
          400,
          `The number of bytes in the parts (${data.byteLength}) does not match the number of bytes given when the Upload was created (${upload.bytes}).`,
          { param: 'part_ids' },
        );
      if (md5 !== undefined && md5 !== '') {
        const actual = createHash('md5').update(data).digest('hex');
        if (actual !== md5.toLowerCase())
          throw new OpenAIHttpError(
            400,
            `The md5 checksum of the uploaded bytes (${actual}) does not match the one given (${md5}).`,
            { param: 'md5' },
          );
      }
      checkFileForPurpose(upload.purpose, upload.filename, data);
      // The parts become the file: free their bytes first so the storage cap counts them once.
      const parts = new Map<string, Uint8Array>();
      for (const { id } of await partsOf(ctx.engine, upload.id)) {
        const part = await partData(ctx.engine).get(id);
        if (part) parts.set(id, part);
        await partData(ctx.engine).delete(id);
      }
      try {
        const file = await saveFile(ctx.engine, {
          filename: upload.filename,
          purpose: upload.purpose,
          data,
          expiresAfterSeconds: record.fileExpiresAfterSeconds,
          random: ctx.random,
        });
        return json((await finish(ctx.engine, record, 'completed', file)).upload);
      } catch (error) {
        for (const [id, part] of parts) await partData(ctx.engine).set(id, part);
        throw error;
      }
    },
  },
  {
    operationId: 'cancelUpload',
    method: 'POST',
    path: '/uploads/{upload_id}/cancel',
    async handle(ctx) {
      const record = await requireUpload(ctx.engine, ctx.params['upload_id']!);
      requirePending(record, 'cancel');
      return json((await finish(ctx.engine, record, 'cancelled')).upload);
    },
  },
];

function readPartIds(value: unknown, record: UploadRecord, own: Set<string>): string[] {
  if (value === undefined)
    throw new OpenAIHttpError(400, `Missing required parameter: 'part_ids'.`, {
      param: 'part_ids',
      code: 'missing_required_parameter',
    });
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new OpenAIHttpError(400, `Invalid type for 'part_ids': expected an array of strings.`, {
      param: 'part_ids',
      code: 'invalid_type',
    });
  const seen = new Set<string>();
  for (const id of value as string[]) {
    if (!own.has(id))
      throw new OpenAIHttpError(
        400,
        `Invalid 'part_ids': part '${id}' does not belong to Upload ${record.upload.id}.`,
        { param: 'part_ids', code: 'invalid_value' },
      );
    if (seen.has(id))
      throw new OpenAIHttpError(400, `Invalid 'part_ids': part '${id}' is listed twice.`, {
        param: 'part_ids',
        code: 'invalid_value',
      });
    seen.add(id);
  }
  return value as string[];
}

/** A part sent as a plain form field rather than a file (curl -F data=…). */
function textPart(value: string | string[] | undefined): Uint8Array | undefined {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  return v === undefined ? undefined : new TextEncoder().encode(v);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
