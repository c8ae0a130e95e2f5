import type { EngineCore } from '../../engine/context.js';

/** `EngineOptions.features.files`: limits that keep a runaway test from filling memory. */
export interface FileOptions {
  /** Largest single file (an upload, an Upload's total, a batch output). @default 512 MiB, as the real API */
  maxFileBytes?: number;
  /** Total bytes held by files and pending Upload parts together. @default 1 GiB */
  maxStorageBytes?: number;
}

export interface ResolvedFileOptions {
  maxFileBytes: number;
  maxStorageBytes: number;
}

const MIB = 1024 * 1024;
const resolved = new WeakMap<object, ResolvedFileOptions>();

/** Validates once per engine; a bad option is a configuration error, thrown at start-up by `installBatches`. */
export function fileOptions(engine: EngineCore): ResolvedFileOptions {
  const key = engine.options;
  let out = resolved.get(key);
  if (!out) {
    const raw = (engine.options.features['files'] ?? {}) as FileOptions;
    if (typeof raw !== 'object' || raw === null)
      throw new TypeError('openai-mock: features.files must be an object, e.g. { maxFileBytes: 1048576 }');
    out = {
      maxFileBytes: positive(raw.maxFileBytes, 'features.files.maxFileBytes', 512 * MIB),
      maxStorageBytes: positive(raw.maxStorageBytes, 'features.files.maxStorageBytes', 1024 * MIB),
    };
    resolved.set(key, out);
  }
  return out;
}

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new TypeError(
      `openai-mock: ${name} must be a positive integer (bytes), got ${JSON.stringify(value)}`,
    );
  return value;
}
