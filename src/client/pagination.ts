// Cursor pagination as OpenAI does it: a list body `{ data, has_more, first_id?, last_id? }`, and the next
// page asked for with `after=<last id>`. A `Page` is one page; `for await` over it (or over the
// PagePromise a list call returns) walks every item of every following page.

import { APIPromise } from './api-promise.js';
import type { QueryInput } from './options.js';

export type PageQuery = QueryInput;

/** Fetches the page for `query`; bound by the resource that listed. */
export type PageFetcher<T> = (query: PageQuery) => PromiseLike<Page<T>>;

export interface ListBody<T> {
  object?: string;
  data?: T[];
  has_more?: boolean;
  first_id?: string | null;
  last_id?: string | null;
}

export class Page<T> implements AsyncIterable<T> {
  readonly object: string;
  readonly data: T[];
  /** False for lists that are not paginated (e.g. models), whatever the body says. */
  readonly has_more: boolean;
  readonly first_id: string | null;
  readonly last_id: string | null;
  readonly #query: PageQuery;
  readonly #fetch: PageFetcher<T>;

  constructor(body: ListBody<T>, query: PageQuery, fetch: PageFetcher<T>, paged = true) {
    this.object = body.object ?? 'list';
    this.data = Array.isArray(body.data) ? body.data : [];
    this.has_more = paged && body.has_more === true;
    this.first_id = body.first_id ?? null;
    this.last_id = body.last_id ?? null;
    this.#query = query;
    this.#fetch = fetch;
  }

  /** The query that fetches the next page, or null on the last page. */
  nextPageQuery(): PageQuery | null {
    if (!this.has_more) return null;
    const last = this.data[this.data.length - 1] as { id?: unknown } | undefined;
    const cursor = this.last_id ?? (typeof last?.id === 'string' ? last.id : undefined);
    return cursor === undefined ? null : { ...this.#query, after: cursor };
  }

  hasNextPage(): boolean {
    return this.nextPageQuery() !== null;
  }

  /** Fetches the next page; throws on the last page (check `hasNextPage()` first). */
  async getNextPage(): Promise<Page<T>> {
    const query = this.nextPageQuery();
    if (!query)
      throw new Error(
        'Page.getNextPage: this is the last page; check hasNextPage() before asking for the next one',
      );
    return this.#fetch(query);
  }

  /** This page and every following one. */
  async *iterPages(): AsyncGenerator<Page<T>> {
    let page: Page<T> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and of every following page. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/** What a list call returns: await it for the first page, or `for await` it for all items. */
export class PagePromise<T> extends APIPromise<Page<T>> implements AsyncIterable<T> {
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this;
  }
}
