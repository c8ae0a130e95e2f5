// File uploads: whatever the caller holds (a Blob or File, a Buffer or other bytes, a web or Node
// stream, a path on disk) becomes a `File` inside a multipart `FormData`. Streams are read into memory
// first: a FormData body can be sent again on a retry, a half-consumed stream cannot.

/** A file on disk, read when the upload is built. `node:fs` is imported only then, so browsers never load it. */
export interface FileFromPath {
  readonly kind: 'path';
  readonly path: string;
}

export type Uploadable =
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | FileFromPath;

/** Names a file on disk for upload: `files.create({ file: fileFromPath('data.jsonl'), purpose: 'batch' })`. */
export function fileFromPath(path: string): FileFromPath {
  return { kind: 'path', path };
}

export interface ToFileOptions {
  /** MIME type. @default the Blob's type, else 'application/octet-stream' */
  type?: string;
}

/**
 * Turns `value` into a File named `name`. The name matters to the API (`.jsonl` for batch input), so pass
 * it for bytes and streams; Files, paths and Node file streams bring their own.
 * @default name: the File's name, the path's base name, else 'upload'
 */
export async function toFile(value: Uploadable, name?: string, options: ToFileOptions = {}): Promise<File> {
  const chosen = name ?? ownName(value) ?? 'upload';
  if (isPath(value)) {
    const { readFile } = await import('node:fs/promises');
    return new File([await readFile(value.path)], chosen, { type: options.type ?? '' });
  }
  if (value instanceof Blob) {
    return new File([value], chosen, { type: options.type ?? value.type });
  }
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    return new File([value as BlobPart], chosen, { type: options.type ?? '' });
  }
  return new File(await collect(value), chosen, { type: options.type ?? '' });
}

/** Builds a multipart body; File-like fields become files, the rest strings (undefined is skipped). */
export async function toFormData(
  fields: Record<string, unknown>,
  fileFields: readonly string[],
): Promise<FormData> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (fileFields.includes(key)) form.append(key, await toFile(value as Uploadable));
    else if (typeof value === 'object' && value !== null) form.append(key, JSON.stringify(value));
    else form.append(key, String(value));
  }
  return form;
}

function ownName(value: Uploadable): string | undefined {
  if (isPath(value)) return baseName(value.path);
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

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || 'upload';
}

async function collect(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
): Promise<BlobPart[]> {
  const parts: BlobPart[] = [];
  if (typeof (source as ReadableStream).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read())
      parts.push(next.value as BlobPart);
    return parts;
  }
  if (Symbol.asyncIterator in source) {
    for await (const chunk of source) parts.push(chunk as BlobPart);
    return parts;
  }
  throw new TypeError(
    'toFile: expected a Blob, bytes, a stream or fileFromPath(path), got ' +
      Object.prototype.toString.call(source),
  );
}
