import type { EngineCore } from '../../../engine/context.js';
import { createRandom } from '../../../fixtures/core.js';
import { BATCH_FILE_TTL_SECONDS, saveFile } from '../../files/file-store.js';
import type { BatchOutputLine } from './execute-line.js';

/** The output and error files of one batch, gathered as JSON lines while it runs (text is smaller than objects). */
export class BatchResults {
  readonly output: string[] = [];
  readonly errors: string[] = [];

  add(ok: boolean, line: BatchOutputLine): void {
    (ok ? this.output : this.errors).push(`${JSON.stringify(line)}\n`);
  }

  /** Stores each file that has lines, in the real names (`batch_<id>_output.jsonl`), purpose `batch_output`. */
  async write(engine: EngineCore, batchId: string, expiresAfterSeconds: number | undefined) {
    const ids: { output_file_id?: string; error_file_id?: string } = {};
    if (this.output.length)
      ids.output_file_id = await store(engine, batchId, 'output', this.output, expiresAfterSeconds);
    if (this.errors.length)
      ids.error_file_id = await store(engine, batchId, 'error', this.errors, expiresAfterSeconds);
    return ids;
  }
}

async function store(
  engine: EngineCore,
  batchId: string,
  kind: 'output' | 'error',
  lines: string[],
  ttl: number | undefined,
) {
  const file = await saveFile(engine, {
    filename: `batch_${batchId}_${kind}.jsonl`,
    purpose: 'batch_output',
    data: new TextEncoder().encode(lines.join('')),
    expiresAfterSeconds: ttl ?? BATCH_FILE_TTL_SECONDS,
    random: createRandom(`${engine.options.seed}:${batchId}:${kind}`),
  });
  return file.id;
}
