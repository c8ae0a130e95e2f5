import { bytes, json, type OperationHandler } from '../../engine/handler.js';
import { createFile } from './create-file.js';
import { last } from './expires-after.js';
import { fileErrors } from './file-errors.js';
import {
  fileData,
  fileMeta,
  findFile,
  nowSeconds,
  removeFile,
  requireFile,
  toApiFile,
} from './file-store.js';
import { ordered, pageOf, readPageQuery } from './list-page.js';

/** The Files API: upload, list, retrieve, download and delete, with state in the engine's stores. */
export const fileHandlers: OperationHandler[] = [
  { operationId: 'createFile', method: 'POST', path: '/files', handle: createFile },
  {
    operationId: 'listFiles',
    method: 'GET',
    path: '/files',
    async handle(ctx) {
      const q = readPageQuery(ctx.query, { defaultLimit: 10_000, maxLimit: 10_000, defaultOrder: 'desc' });
      const purpose = last(ctx.query['purpose']);
      const now = nowSeconds(ctx.engine);
      const all = ordered(await fileMeta(ctx.engine).list(), q.order);
      const live = (f: (typeof all)[number]) =>
        !f.deleted &&
        (f.expires_at === undefined || f.expires_at > now) &&
        (purpose === undefined || f.purpose === purpose);
      return json(pageOf(all, q, live, toApiFile));
    },
  },
  {
    operationId: 'retrieveFile',
    method: 'GET',
    path: '/files/{file_id}',
    handle: async (ctx) => json(toApiFile(await requireFile(ctx.engine, ctx.params['file_id']!))),
  },
  {
    operationId: 'deleteFile',
    method: 'DELETE',
    path: '/files/{file_id}',
    async handle(ctx) {
      const file = await requireFile(ctx.engine, ctx.params['file_id']!);
      await removeFile(ctx.engine, file);
      return json({ id: file.id, object: 'file', deleted: true });
    },
  },
  {
    operationId: 'downloadFile',
    method: 'GET',
    path: '/files/{file_id}/content',
    async handle(ctx) {
      const id = ctx.params['file_id']!;
      const file = await findFile(ctx.engine, id);
      const data = file && (await fileData(ctx.engine).get(id));
      if (!file || !data) throw fileErrors.notFound(id);
      // The real API refuses to hand back files given to assistants.
      if (file.purpose === 'assistants') throw fileErrors.downloadNotAllowed(file.purpose);
      return bytes(data, 'application/octet-stream');
    },
  },
];
