import { relative } from 'node:path';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { RequestContext } from '../../engine/index.js';
import type { CassetteBook } from '../../record/cassette-book.js';
import { CASSETTE_ERROR_CODES } from '../../record/errors.js';
import type { RecordedRequest } from '../../record/format.js';
import { MODE_ENV } from '../../record/mode.js';

export interface CassetteMiss {
  method: string;
  path: string;
  cassette: string;
  message: string;
}

/**
 * The answer to a request with no recording in `replay` mode: a 500 the SDKs do not retry
 * (`x-should-retry: false`), whose message names the request and shows where it differs from the nearest
 * recording, so the fix is visible in the test failure itself.
 */
export class CassetteMissError extends OpenAIHttpError {
  override name = 'CassetteMissError';
  /** The toolkit code, where `isCassetteError` looks (the OpenAI body says `cassette_miss`). */
  readonly code = CASSETTE_ERROR_CODES.miss;
  readonly miss: CassetteMiss;

  constructor(miss: CassetteMiss) {
    super(500, miss.message, {
      type: 'openai_mock_error',
      code: 'cassette_miss',
      headers: { 'x-should-retry': 'false' },
    });
    this.miss = miss;
  }
}

export function missError(
  ctx: RequestContext,
  request: RecordedRequest,
  book: CassetteBook,
): CassetteMissError {
  const file = relative(process.cwd(), book.path) || book.path;
  const name = `${ctx.request.method} ${ctx.request.path}`;
  const lines = [`openai-mock: no recording for ${name} in cassette ${file} (mode 'replay').`];
  const nearest = book.nearest(request);
  if (!nearest) lines.push('The cassette has no interactions yet.');
  else {
    const shown = nearest.differences.slice(0, 8);
    lines.push(
      `Nearest recording, #${nearest.index} ${nearest.request.method} ${nearest.request.path}, differs at:`,
    );
    lines.push(...shown.map((d) => `  ${d}`));
    if (nearest.differences.length > shown.length)
      lines.push(`  … and ${nearest.differences.length - shown.length} more`);
  }
  lines.push(
    `Record it with ${MODE_ENV}=update, or leave volatile fields out of matching (match.ignoreBody / match.ignoreQuery).`,
  );
  return new CassetteMissError({
    method: ctx.request.method,
    path: ctx.request.path,
    cassette: book.path,
    message: lines.join('\n'),
  });
}
