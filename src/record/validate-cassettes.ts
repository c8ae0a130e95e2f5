import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Contract, Operation, Violation } from '../contract/index.js';
import { readCassette } from './cassette-file.js';
import { isCassetteError } from './errors.js';
import type { Cassette, Interaction, RecordedRequestBody } from './format.js';
import { STREAM_GRAMMARS, type StreamGrammar } from './stream-grammar.js';

export interface CassetteProblem {
  /** Index of the interaction in the file; `null` for problems with the file itself. */
  interaction: number | null;
  where: 'file' | 'request' | 'response' | 'event' | 'stream';
  /** For `event`: the index of the event in the stream. */
  event?: number;
  /** JSON pointer into the checked value. */
  pointer: string;
  message: string;
}

export interface CassetteFileReport {
  path: string;
  interactions: number;
  /** Set when the cassette was recorded against another version of the document. */
  stale: { recorded: string; current: string } | null;
  problems: CassetteProblem[];
}

export interface CassetteReport {
  cassettes: CassetteFileReport[];
  problems: number;
  stale: number;
  /** No problems (and, with `failOnStale`, no stale cassettes). */
  ok: boolean;
}

export interface ValidateCassettesOptions {
  contract: Contract;
  /** Count stale cassettes as failures. @default false */
  failOnStale?: boolean;
}

/**
 * Checks recorded traffic against the document: every request, response body and stream event by schema,
 * and whole streams by grammar where a checker exists. Folders are searched for `*.json` cassettes.
 */
export async function validateCassettes(
  paths: readonly string[],
  options: ValidateCassettesOptions,
): Promise<CassetteReport> {
  const files = (await Promise.all(paths.map(expand))).flat();
  const cassettes = await Promise.all(files.map((f) => checkFile(f, options.contract, STREAM_GRAMMARS)));
  const problems = cassettes.reduce((n, c) => n + c.problems.length, 0);
  const stale = cassettes.filter((c) => c.stale).length;
  return { cassettes, problems, stale, ok: problems === 0 && (!options.failOnStale || stale === 0) };
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

async function checkFile(
  path: string,
  contract: Contract,
  grammars: ReadonlyMap<string, StreamGrammar>,
): Promise<CassetteFileReport> {
  const report: CassetteFileReport = { path, interactions: 0, stale: null, problems: [] };
  let cassette: Cassette | undefined;
  try {
    cassette = await readCassette(path);
  } catch (error) {
    const message = isCassetteError(error) ? error.message.replace(/^openai-mock: /, '') : String(error);
    report.problems.push({ interaction: null, where: 'file', pointer: '', message });
    return report;
  }
  if (!cassette) {
    report.problems.push({
      interaction: null,
      where: 'file',
      pointer: '',
      message: `${path} does not exist`,
    });
    return report;
  }
  report.interactions = cassette.interactions.length;
  const spec = cassette.meta.spec;
  if (spec && spec.hash !== contract.hash)
    report.stale = {
      recorded: `${spec.version} (${spec.hash.slice(0, 12)})`,
      current: `${contract.version} (${contract.hash.slice(0, 12)})`,
    };
  for (const [i, interaction] of cassette.interactions.entries())
    report.problems.push(...checkInteraction(interaction, i, contract, grammars));
  return report;
}

function checkInteraction(
  { request, response }: Interaction,
  index: number,
  contract: Contract,
  grammars: ReadonlyMap<string, StreamGrammar>,
): CassetteProblem[] {
  const out: CassetteProblem[] = [];
  const add = (where: CassetteProblem['where'], vs: Violation[], event?: number) =>
    out.push(
      ...vs.map((v) => ({
        interaction: index,
        where,
        ...(event !== undefined && { event }),
        pointer: v.pointer,
        message: v.message,
      })),
    );
  const path = request.path.replace(/^\/v1(?=\/|$)/, '') || '/';
  const found = contract.match(request.method, path, request.query);
  if (!found.operation) {
    out.push({
      interaction: index,
      where: 'request',
      pointer: '',
      message: `${request.method} ${request.path} is not an operation of the document`,
    });
    return out;
  }
  const op: Operation = found.operation;
  add(
    'request',
    contract.validateRequest(op, {
      body: requestBody(request.body),
      query: request.query,
      params: found.params,
      contentType: request.headers['content-type'],
    }),
  );
  const body = response.body;
  if (!body) return out;
  if ('json' in body)
    add(
      'response',
      contract.validateResponse(
        op,
        response.status,
        body.json,
        response.headers['content-type'] ?? 'application/json',
      ),
    );
  if ('sse' in body) {
    const data = body.sse.map((e) => parseData(e.data));
    for (const [j, d] of data.entries()) add('event', contract.validateStreamEvent(op, d), j);
    // A stream the upstream cut lacks its ending by nature; only whole streams are held to the grammar.
    const grammar = body.end === 'done' ? grammars.get(op.id) : undefined;
    if (grammar)
      add(
        'stream',
        grammar(
          body.sse.map((e, j) => ({ ...(e.event !== undefined && { event: e.event }), data: data[j] })),
        ),
      );
  }
  return out;
}

/** The request body in the shape the contract validates: JSON, or multipart with files as placeholders. */
function requestBody(body: RecordedRequestBody | undefined): unknown {
  if (!body) return undefined;
  if ('json' in body) return body.json;
  if ('text' in body) return body.text;
  if ('base64' in body) return Buffer.from(body.base64, 'base64');
  const files = Object.fromEntries(
    Object.entries(body.multipart.files).map(([k, list]) => [
      k,
      list.map((f) => ({ filename: f.filename, contentType: f.contentType, data: new Uint8Array(0) })),
    ]),
  );
  return { kind: 'multipart', fields: body.multipart.fields, files };
}

function parseData(data: unknown): unknown {
  if (typeof data !== 'string' || data === '[DONE]') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
