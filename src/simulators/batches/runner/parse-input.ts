import type { BatchError, BatchLine } from './batch-types.js';

/** Stop listing problems after this many: a broken 50,000-line file should not make a huge batch object. */
const MAX_ERRORS = 1000;

export interface ParsedInput {
  lines: BatchLine[];
  errors: BatchError[];
}

/**
 * Checks a batch input file the way the real API does while a batch is `validating`: every line a JSON object
 * with a unique `custom_id`, `method` POST, the batch's endpoint as `url`, a `body` object, one model for all.
 * Problems come back as the batch's `errors` (code, message, param, 1-based line).
 */
export function parseBatchInput(text: string, endpoint: string, maxRequests: number): ParsedInput {
  const lines: BatchLine[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  let model: string | undefined;
  const fail = (line: number | null, code: string, message: string, param: string | null = null) => {
    if (errors.length < MAX_ERRORS) errors.push({ code, message, param, line });
  };
  const rows = text.split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.trim() === '') continue;
    const n = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      fail(n, 'invalid_json_line', 'This line is not parseable as valid JSON.');
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      fail(n, 'invalid_json_line', 'This line is not a JSON object.');
      continue;
    }
    const req = value as Record<string, unknown>;
    const missing = (['custom_id', 'method', 'url', 'body'] as const).find(
      (k) => req[k] === undefined || req[k] === null || req[k] === '',
    );
    if (missing) {
      fail(n, 'missing_required_parameter', `Missing required parameter: '${missing}'.`, missing);
      continue;
    }
    const { custom_id, method, url, body } = req;
    if (typeof custom_id !== 'string') {
      fail(n, 'invalid_type', `Invalid type for 'custom_id': expected a string.`, 'custom_id');
      continue;
    }
    if (method !== 'POST') {
      fail(n, 'invalid_value', `Invalid value: '${String(method)}'. Supported values are: 'POST'.`, 'method');
      continue;
    }
    if (url !== endpoint) {
      fail(
        n,
        'url_mismatch',
        `The URL provided for this request (${String(url)}) does not match the batch endpoint (${endpoint}).`,
        'url',
      );
      continue;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      fail(n, 'invalid_type', `Invalid type for 'body': expected an object.`, 'body');
      continue;
    }
    if (seen.has(custom_id)) {
      fail(
        n,
        'duplicate_custom_id',
        'The custom_id for this request is a duplicate of another request. The custom_id parameter must be unique for each request in a batch.',
        'custom_id',
      );
      continue;
    }
    seen.add(custom_id);
    const lineModel = (body as { model?: unknown }).model;
    if (typeof lineModel === 'string') {
      model ??= lineModel;
      if (lineModel !== model) {
        fail(
          n,
          'model_mismatch',
          `The model for this request (${lineModel}) differs from the batch's other requests (${model}); a batch runs one model.`,
          'body.model',
        );
        continue;
      }
    }
    lines.push({ line: n, custom_id, method, url, body: body as Record<string, unknown> });
  }
  if (!errors.length && !lines.length) fail(null, 'empty_file', 'The batch input file is empty.');
  const count = lines.length + errors.length;
  if (count > maxRequests)
    fail(
      null,
      'too_many_tasks',
      `The batch input file has ${count} requests; a batch may hold at most ${maxRequests}.`,
    );
  return { lines, errors };
}

/** The model a batch runs, as its object reports it. */
export const batchModel = (lines: readonly BatchLine[]): string | undefined => {
  const m = lines[0]?.body['model'];
  return typeof m === 'string' ? m : undefined;
};
