import { isAbsolute, join, resolve } from 'node:path';
import { CassetteBook, type CassetteSummary, cassetteMeta } from './cassette-book.js';
import { readCassette, readCassetteSync, writeCassette } from './cassette-file.js';
import { CASSETTE_ERROR_CODES, CassetteError } from './errors.js';
import type { Cassette, CassetteMeta } from './format.js';
import type { MatchOptions } from './normalize.js';

/**
 * Where a cassette lives: an absolute path or a `.json` file as given, a bare name as `<dir>/<name>.json`.
 * Names come from test titles and from the `x-mock-cassette` header, so they are tidied and may not climb
 * out of the folder.
 */
export function cassettePath(nameOrPath: string, dir: string | undefined): string {
  if (isAbsolute(nameOrPath)) return nameOrPath;
  const segments = nameOrPath.split(/[\\/]+/).filter((s) => s && s !== '.');
  if (segments.includes('..'))
    throw new CassetteError(
      CASSETTE_ERROR_CODES.badOption,
      `openai-mock: cassette name '${nameOrPath}' may not contain '..'; name a cassette inside the cassette folder.`,
    );
  const tidy = segments.map((s) =>
    s
      .replace(/[^\w.\- ]+/g, '-')
      .replace(/\s+/g, '-')
      .replace(/-{2,}/g, '-'),
  );
  const relative = join(...tidy);
  const file = relative.endsWith('.json') ? relative : `${relative}.json`;
  return resolve(dir ?? '.', file);
}

/** The cassettes this engine has opened, each loaded once, and saving them (one write at a time). */
export class CassetteLibrary {
  #books = new Map<string, Promise<CassetteBook>>();
  #saving: Promise<unknown> = Promise.resolve();
  #match: MatchOptions;
  #fresh: boolean;

  /** `fresh`: record mode, where existing files are not read but replaced. */
  constructor(match: MatchOptions, fresh: boolean) {
    this.#match = match;
    this.#fresh = fresh;
  }

  open(path: string): Promise<CassetteBook> {
    let book = this.#books.get(path);
    if (!book) {
      book = (async () => {
        const onDisk = await (this.#fresh ? previous(readCassette(path)) : readCassette(path));
        const loaded = new CassetteBook(path, this.#fresh ? undefined : onDisk, this.#match, onDisk);
        return loaded;
      })();
      // A failed load (corrupt file) is retried next time instead of being cached.
      book.catch(() => this.#books.delete(path));
      this.#books.set(path, book);
    }
    return book;
  }

  /** Loads a cassette while the engine is being built (synchronously), so a corrupt file fails construction. */
  preload(path: string): void {
    if (this.#books.has(path)) return;
    const onDisk = this.#fresh ? previousSync(path) : readCassetteSync(path);
    const book = new CassetteBook(path, this.#fresh ? undefined : onDisk, this.#match, onDisk);
    this.#books.set(path, Promise.resolve(book));
  }

  rewind(): void {
    for (const book of this.#books.values())
      void book.then(
        (b) => b.rewind(),
        () => {},
      );
  }

  /** Per cassette opened: what was recorded, updated, left as it was, and what failed. */
  async summary(): Promise<CassetteSummary[]> {
    const books = await Promise.all([...this.#books.values()].map((b) => b.catch(() => undefined)));
    return books.filter((b): b is CassetteBook => !!b).map((b) => b.summary());
  }

  /** Writes every cassette with unsaved recordings; resolves with the paths written. */
  save(spec: CassetteMeta['spec']): Promise<string[]> {
    const run = this.#saving.then(async () => {
      const written: string[] = [];
      for (const pending of this.#books.values()) {
        const book = await pending.catch(() => undefined);
        if (!book?.unsaved) continue;
        await writeCassette(book.path, book.flush(cassetteMeta(spec), this.#fresh));
        written.push(book.path);
      }
      return written;
    });
    this.#saving = run.catch(() => {});
    return run;
  }
}

/** In record mode the file on disk is replaced; it is read only to say what changed (a corrupt one counts as empty). */
function previous(read: Promise<Cassette | undefined>): Promise<Cassette | undefined> {
  return read.catch(() => undefined);
}

function previousSync(path: string): Cassette | undefined {
  try {
    return readCassetteSync(path);
  } catch {
    return undefined;
  }
}
