import { describe, expect, it } from 'vitest';
import { parseBatchInput } from '../../src/simulators/batches/runner/parse-input.js';

const line = (custom_id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    custom_id,
    method: 'POST',
    url: '/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: 'x' },
    ...extra,
  });
const parse = (rows: string[], max = 100) => parseBatchInput(rows.join('\n'), '/v1/embeddings', max);
const codes = (rows: string[], max?: number) => parse(rows, max).errors.map((e) => [e.line, e.code, e.param]);

describe('checking a batch input file', () => {
  it('accepts good lines, skipping blank ones and CRLF endings, and numbers lines as in the file', () => {
    const { lines, errors } = parseBatchInput(`${line('a')}\r\n\r\n${line('b')}\n`, '/v1/embeddings', 100);
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.line, l.custom_id])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
  });

  it('names each bad line with the real codes', () => {
    expect(
      codes([
        'nope',
        '[1, 2]',
        line('a', { method: 'GET' }),
        line('b', { body: 'text' }),
        line('c', { custom_id: 7 }),
        JSON.stringify({ custom_id: 'd', method: 'POST', url: '/v1/embeddings' }),
      ]),
    ).toEqual([
      [1, 'invalid_json_line', null],
      [2, 'invalid_json_line', null],
      [3, 'invalid_value', 'method'],
      [4, 'invalid_type', 'body'],
      [5, 'invalid_type', 'custom_id'],
      [6, 'missing_required_parameter', 'body'],
    ]);
  });

  it('reports duplicate custom_ids, a url other than the endpoint, and a second model', () => {
    expect(
      codes([
        line('a'),
        line('a'),
        line('b', { url: '/v1/chat/completions' }),
        line('c', { body: { model: 'text-embedding-3-large', input: 'x' } }),
      ]),
    ).toEqual([
      [2, 'duplicate_custom_id', 'custom_id'],
      [3, 'url_mismatch', 'url'],
      [4, 'model_mismatch', 'body.model'],
    ]);
  });

  it('fails an empty file and one with too many requests', () => {
    expect(codes(['', '  '])).toEqual([[null, 'empty_file', null]]);
    expect(codes([line('a'), line('b'), line('c')], 2)).toEqual([[null, 'too_many_tasks', null]]);
  });

  it('stops listing after a thousand problems', () => {
    expect(
      parse(
        Array.from({ length: 1500 }, () => '{'),
        5000,
      ).errors,
    ).toHaveLength(1000);
  });
});
