import { defineSetting } from '../../engine/setting.js';

/** `features.files`: limits that keep a runaway test from filling memory. */
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

/** The `files` setting: checked at start-up (options may come from a config file), read by the simulators. */
export const fileLimits = defineSetting('files', (raw: FileOptions | undefined): ResolvedFileOptions => {
  const given: unknown = raw ?? {};
  if (typeof given !== 'object' || given === null)
    throw new TypeError('openai-mock: features.files must be an object, e.g. { maxFileBytes: 1048576 }');
  const o = given as FileOptions;
  return {
    maxFileBytes: positive(o.maxFileBytes, 'features.files.maxFileBytes', 512 * MIB),
    maxStorageBytes: positive(o.maxStorageBytes, 'features.files.maxStorageBytes', 1024 * MIB),
  };
});

function positive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new TypeError(
      `openai-mock: ${name} must be a positive integer (bytes), got ${JSON.stringify(value)}`,
    );
  return value;
}
