import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';

/** Option value parsers: each rejects with a message naming the expected form. */
export function integer(name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function fraction(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new InvalidArgumentError(`${name} must be a number from 0 to 1.`);
    return n;
  };
}

export function oneOf<T extends string>(name: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!choices.includes(value as T))
      throw new InvalidArgumentError(`${name} must be one of: ${choices.join(', ')}.`);
    return value as T;
  };
}

/** A data file's value, and the line where each entry of a list (at `key`, or the top) starts. */
export interface DataFile {
  value: unknown;
  /** 1-based line of the `index`-th item of the list at `key` (or of the top-level list). */
  lineOf(index: number, key?: string): number | undefined;
}

/** Reads a JSON or YAML file, with one-line errors naming the file, the line and what is wrong. */
export async function readDataFile(path: string, what: string): Promise<unknown> {
  return (await readDataFileWithLines(path, what)).value;
}

export async function readDataFileWithLines(path: string, what: string): Promise<DataFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `${what} ${path} does not exist.`
        : `cannot read ${what} ${path}: ${code ?? String(error)}`,
    );
  }
  const yaml = /\.ya?ml$/i.test(path);
  // YAML is a superset of JSON: one parser gives both the value and where each entry starts.
  const { LineCounter, parseDocument } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error || !yaml) {
    try {
      if (!yaml) JSON.parse(text);
    } catch (jsonError) {
      throw new Error(`${what} ${path} is not valid JSON: ${(jsonError as Error).message.split('\n')[0]}`);
    }
  }
  if (error) {
    const at = lines.linePos(error.pos[0]);
    const source = text.split('\n')[at.line - 1]?.trim();
    throw new Error(
      `${what} ${path} is not valid YAML at line ${at.line}, column ${at.col}: ${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}${source ? ` (near: ${source})` : ''}`,
    );
  }
  const value: unknown = yaml ? doc.toJS() : JSON.parse(text);
  return {
    value,
    lineOf(index, key) {
      const list = key === undefined ? doc.contents : doc.get(key, true);
      const item = (list as { items?: { range?: [number, number, number] }[] } | null)?.items?.[index];
      return item?.range ? lines.linePos(item.range[0]).line : undefined;
    },
  };
}
