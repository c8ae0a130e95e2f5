import { isMultipart } from '../../engine/body.js';
import type { RequestContext } from '../../engine/context.js';
import { json } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { formExpiresAfter, last, readExpiresAfter } from './expires-after.js';
import { fileErrors } from './file-errors.js';
import { checkFileForPurpose, FILE_PURPOSES } from './file-purpose.js';
import { saveFile, toApiFile } from './file-store.js';

/** `POST /files`: a multipart upload of `file` with a `purpose`, kept byte for byte. */
export async function createFile(ctx: RequestContext): Promise<MockResponse> {
  const body = ctx.body;
  if (!isMultipart(body)) throw fileErrors.notMultipart(ctx.request.headers['content-type']);
  const purpose = last(body.fields['purpose']);
  const file = body.files['file']?.[0];
  if (purpose === undefined) throw fileErrors.missing('purpose');
  if (!file) throw fileErrors.missing('file');
  if (!(FILE_PURPOSES as readonly string[]).includes(purpose))
    throw fileErrors.invalidValue('purpose', purpose, FILE_PURPOSES);
  const expiresAfterSeconds = readExpiresAfter(formExpiresAfter(body, 'expires_after'), 'expires_after');
  const filename = file.filename || 'upload';
  checkFileForPurpose(purpose, filename, file.data);
  const stored = await saveFile(ctx.engine, {
    filename,
    purpose,
    data: file.data,
    expiresAfterSeconds,
    random: ctx.random,
  });
  return json(toApiFile(stored));
}
