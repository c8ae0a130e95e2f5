// File uploads: whatever the caller holds becomes the file part of a multipart body, without reading it
// whole into memory unless it already is in memory.
//  - Blobs, Files and bytes go into a FormData (already in memory; re-sent as is on a retry).
//  - `fileFromPath(path)` becomes a file-backed Blob (`fs.openAsBlob`): fetch streams it from disk, with a
//    length, and a retry reads the file again.
//  - `fileFromStream(open, name)` calls `open()` for every attempt: streamed, and retried from the start.
//  - A bare stream (web ReadableStream, Node Readable, async iterable) is streamed once. It cannot be
//    rewound, so a failed attempt is not retried; the error says so and names the two retryable forms.
// `toFile` stays the SDK's helper that turns anything into an in-memory File.

import { type LazyBody, newBoundary } from './request.js';

/** A file on disk, opened when the upload is sent. `node:fs` is imported only then, so browsers never load it. */
export interface FileFromPath {
  readonly kind: 'path';
  readonly path: string;
}

type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** A stream that can be opened again: one fresh stream per attempt. */
export interface FileFromStream {
  readonly kind: 'stream-factory';
  readonly open: () => ByteSource;
  readonly name: string;
  readonly type: string;
}

export type Uploadable = Blob | Uint8Array | ArrayBuffer | ByteSource | FileFromPath | FileFromStream;

/** Names a file on disk for upload: `files.create({ file: fileFromPath('data.jsonl'), purpose: 'batch' })`. */
export function fileFromPath(path: string): FileFromPath {
  return { kind: 'path', path };
}

/**
 * A streamed upload that survives retries: `open` is called once per attempt and must return a fresh
 * stream, e.g. `fileFromStream(() => createReadStream(p), 'big.jsonl')`.
 */
export function fileFromStream(
  open: () => ByteSource,
  name: string,
  options: ToFileOptions = {},
): FileFromStream {
  return { kind: 'stream-factory', open, name, type: options.type ?? 'application/octet-stream' };
}

export interface ToFileOptions {
  /** MIME type. @default the Blob's type, else 'application/octet-stream' */
  type?: string;
}

/**
 * Turns `value` into an in-memory File named `name` (streams are read whole). The name matters to the API
 * (`.jsonl` for batch input), so pass it for bytes and streams; Files, paths and Node file streams bring
 * their own. Uploads do not need it: pass the stream or path itself to stream it.
 * @default name: the File's name, the path's base name, else 'upload'
 */
export async function toFile(value: Uploadable, name?: string, options: ToFileOptions = {}): Promise<File> {
  const chosen = name ?? ownName(value) ?? 'upload';
  if (isPath(value)) {
    return new File([await openAsBlob(value.path)], chosen, { type: options.type ?? '' });
  }
  if (value instanceof Blob) return new File([value], chosen, { type: options.type ?? value.type });
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    return new File([value as BlobPart], chosen, { type: options.type ?? '' });
  }
  const source = isFactory(value) ? value.open() : value;
  return new File(await collect(source), chosen, { type: options.type ?? '' });
}

/**
 * A multipart body for `fields`; those named in `fileFields` are uploads (a value or an array of them),
 * objects are sent as JSON, undefined is skipped.
 */
export function multipartBody(fields: Record<string, unknown>, fileFields: readonly string[]): LazyBody {
  const entries: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) entries.push([key, value]);
    else if (fileFields.includes(key)) for (const one of value) entries.push([key, one]);
    // Arrays of plain values repeat `key[]`, as the official SDK sends `include[]` and `timestamp_granularities[]`.
    else for (const one of value) entries.push([`${key}[]`, one]);
  }
  const files = entries.filter(([key]) => fileFields.includes(key)).map(([, value]) => value as Uploadable);
  // Checked when the call is sent, so a wrong value rejects the call's promise rather than throwing.
  const check = (): void => {
    for (const file of files) checkUploadable(file);
  };
  const streamed = files.some((file) => isFactory(file) || isByteSource(file));
  if (!streamed) {
    return {
      kind: 'lazy-body',
      contentType: undefined,
      oneShot: undefined,
      open: async () => {
        check();
        const form = new FormData();
        for (const [key, value] of entries) {
          if (fileFields.includes(key)) form.append(key, await toFile(value as Uploadable));
          else form.append(key, fieldText(value));
        }
        return form;
      },
    };
  }
  const boundary = newBoundary();
  const oneShot = files.some(isByteSource)
    ? 'the upload is a stream that was read once; pass fileFromPath(path) or fileFromStream(() => stream, name) to make it retryable'
    : undefined;
  let opened = 0;
  return {
    kind: 'lazy-body',
    contentType: `multipart/form-data; boundary=${boundary}`,
    oneShot,
    open: async () => {
      check();
      if (oneShot && opened++ > 0) throw new Error(`multipart upload: ${oneShot}`);
      return pullStream(encodeMultipart(entries, fileFields, boundary));
    },
  };
}

/** Same as multipartBody, resolved to a FormData (for tests and callers that want the fields). */
export async function toFormData(
  fields: Record<string, unknown>,
  fileFields: readonly string[],
): Promise<FormData> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (fileFields.includes(key)) form.append(key, await toFile(value as Uploadable));
    else form.append(key, fieldText(value));
  }
  return form;
}

const encoder = new TextEncoder();

async function* encodeMultipart(
  entries: Array<[string, unknown]>,
  fileFields: readonly string[],
  boundary: string,
): AsyncGenerator<Uint8Array> {
  for (const [key, value] of entries) {
    if (!fileFields.includes(key)) {
      yield encoder.encode(`--${boundary}\r\ncontent-disposition: form-data; name="${quote(key)}"\r\n\r\n`);
      yield encoder.encode(`${fieldText(value)}\r\n`);
      continue;
    }
    const file = value as Uploadable;
    const name = (isFactory(file) ? file.name : ownName(file)) ?? 'upload';
    const type =
      (isFactory(file) ? file.type : file instanceof Blob ? file.type : '') || 'application/octet-stream';
    yield encoder.encode(
      `--${boundary}\r\ncontent-disposition: form-data; name="${quote(key)}"; filename="${quote(name)}"\r\ncontent-type: ${type}\r\n\r\n`,
    );
    yield* bytesOf(file);
    yield encoder.encode('\r\n');
  }
  yield encoder.encode(`--${boundary}--\r\n`);
}

async function* bytesOf(file: Uploadable): AsyncGenerator<Uint8Array> {
  if (isPath(file)) file = await openAsBlob(file.path);
  if (file instanceof Uint8Array) return yield file;
  if (file instanceof ArrayBuffer) return yield new Uint8Array(file);
  const source: ByteSource =
    file instanceof Blob ? file.stream() : isFactory(file) ? file.open() : (file as ByteSource);
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
}

function fieldText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function quote(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r|\n/g, ' ');
}

async function openAsBlob(path: string): Promise<Blob> {
  const fs = await import('node:fs');
  try {
    return await fs.openAsBlob(path);
  } catch (cause) {
    throw new Error(`upload: cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

function ownName(value: Uploadable): string | undefined {
  if (isPath(value)) return baseName(value.path);
  if (isFactory(value)) return value.name;
  if (typeof File !== 'undefined' && value instanceof File && value.name) return value.name;
  // fs.ReadStream carries the path it reads.
  const path = (value as { path?: unknown }).path;
  if (typeof path === 'string') return baseName(path);
  return undefined;
}

function isPath(value: Uploadable): value is FileFromPath {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'path' &&
    typeof (value as { path?: unknown }).path === 'string'
  );
}

function isFactory(value: Uploadable): value is FileFromStream {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'stream-factory'
  );
}

function isByteSource(value: Uploadable): value is ByteSource {
  if (typeof value !== 'object' || value === null || value instanceof Blob || value instanceof Uint8Array)
    return false;
  return typeof (value as ReadableStream).getReader === 'function' || Symbol.asyncIterator in value;
}

function checkUploadable(value: unknown): void {
  const ok =
    value instanceof Blob ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    isPath(value as Uploadable) ||
    isFactory(value as Uploadable) ||
    isByteSource(value as Uploadable);
  if (!ok) {
    throw new TypeError(
      `upload: expected a Blob, bytes, a stream, fileFromPath(path) or fileFromStream(open, name), got ${Object.prototype.toString.call(value)}`,
    );
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || 'upload';
}

async function collect(source: ByteSource): Promise<BlobPart[]> {
  const parts: BlobPart[] = [];
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) parts.push(chunk as BlobPart);
  return parts;
}

/** A byte stream that pulls from `chunks` only as fast as fetch sends (backpressure keeps memory flat). */
function pullStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
