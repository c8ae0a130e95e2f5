import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cassette, Interaction, RecordedResponseBody } from './format.js';
import { parseCassette } from './parse-cassette.js';

/** Reads a cassette; `undefined` when the file does not exist yet. */
export async function readCassette(path: string): Promise<Cassette | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseCassette(text, path);
}

/** The same, synchronously: for the cassette an engine starts with, loaded while the engine is built. */
export function readCassetteSync(path: string): Cassette | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseCassette(text, path);
}

/** Writes atomically: a temp file beside the target, then a rename, so a crash never leaves half a cassette. */
export async function writeCassette(path: string, cassette: Cassette): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, stringifyCassette(cassette), 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Stable, reviewable text: envelope keys in a fixed order, headers and request bodies sorted, and each
 * stream event on one line so that a re-recording diffs event by event.
 */
export function stringifyCassette(cassette: Cassette): string {
  const events: string[] = [];
  const ordered = {
    version: cassette.version,
    meta: { tool: cassette.meta.tool, toolVersion: cassette.meta.toolVersion, spec: cassette.meta.spec },
    interactions: cassette.interactions.map((i) => orderInteraction(i, events)),
  };
  const text = JSON.stringify(ordered, null, 2);
  return `${text.replace(/"\\u0000event:(\d+)"/g, (_, n: string) => events[Number(n)]!)}\n`;
}

function orderInteraction({ request, response }: Interaction, events: string[]) {
  return {
    request: {
      method: request.method,
      path: request.path,
      query: sortKeys(request.query),
      headers: sortKeys(request.headers),
      ...(request.body !== undefined && { body: sortDeep(request.body) }),
    },
    response: {
      status: response.status,
      headers: sortKeys(response.headers),
      ...(response.body !== undefined && { body: orderResponseBody(response.body, events) }),
    },
  };
}

/** Response bodies keep the order the server sent; only stream events are folded onto one line each. */
function orderResponseBody(body: RecordedResponseBody, events: string[]) {
  if (!('sse' in body)) return body;
  const sse = body.sse.map((e) => {
    events.push(
      JSON.stringify({
        ms: e.ms,
        ...(e.event !== undefined && { event: e.event }),
        ...(e.id !== undefined && { id: e.id }),
        data: e.data,
      }),
    );
    return `\u0000event:${events.length - 1}`;
  });
  return { sse, end: body.end };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]!]),
  );
}

export function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortDeep(record[k])]),
  );
}
