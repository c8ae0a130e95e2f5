import { OpenAIHttpError } from '../../engine/errors.js';

export interface PageQuery {
  limit: number;
  after: string | undefined;
  order: 'asc' | 'desc';
}

export interface ListPage<T> {
  object: 'list';
  data: T[];
  /** The document types these as strings (the real API sends null on an empty page); we keep to the document. */
  first_id: string;
  last_id: string;
  has_more: boolean;
}

/** Reads `limit`, `after` and `order` the way the real list endpoints check them. */
export function readPageQuery(
  query: Record<string, string | string[]>,
  opts: { defaultLimit: number; maxLimit: number; defaultOrder: 'asc' | 'desc' },
): PageQuery {
  const one = (name: string) => {
    const v = query[name];
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
  const rawLimit = one('limit');
  let limit = opts.defaultLimit;
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (rawLimit.trim() === '' || !Number.isInteger(limit))
      throw new OpenAIHttpError(
        400,
        `Invalid type for 'limit': expected an integer, but got a string instead.`,
        { param: 'limit', code: 'invalid_type' },
      );
    if (limit < 1)
      throw new OpenAIHttpError(
        400,
        `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
        { param: 'limit', code: 'integer_below_min_value' },
      );
    if (limit > opts.maxLimit)
      throw new OpenAIHttpError(
        400,
        `Invalid 'limit': integer above maximum value. Expected a value <= ${opts.maxLimit}, but got ${limit} instead.`,
        { param: 'limit', code: 'integer_above_max_value' },
      );
  }
  const order = one('order') ?? opts.defaultOrder;
  if (order !== 'asc' && order !== 'desc')
    throw new OpenAIHttpError(400, `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, {
      param: 'order',
      code: 'invalid_value',
    });
  return { limit, after: one('after') || undefined, order };
}

/**
 * One page of `items` (already in list order). `visible` hides tombstones and filtered-out items while
 * still letting a cursor point at them, so deleting while paging does not break the next page.
 */
export function pageOf<T extends { id: string }, U>(
  items: readonly T[],
  q: PageQuery,
  visible: (item: T) => boolean,
  toApi: (item: T) => U & { id: string },
): ListPage<U & { id: string }> {
  let start = 0;
  if (q.after !== undefined) {
    const at = items.findIndex((i) => i.id === q.after);
    if (at === -1)
      throw new OpenAIHttpError(400, `Invalid 'after': no object with id '${q.after}' in this list.`, {
        param: 'after',
        code: 'invalid_value',
      });
    start = at + 1;
  }
  const data: Array<U & { id: string }> = [];
  let has_more = false;
  for (let i = start; i < items.length; i++) {
    const item = items[i]!;
    if (!visible(item)) continue;
    if (data.length === q.limit) {
      has_more = true;
      break;
    }
    data.push(toApi(item));
  }
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? '',
    last_id: data[data.length - 1]?.id ?? '',
    has_more,
  };
}

/** Oldest first by `created_at`, ties in store order (a stable sort); reversed for `desc`. */
export function ordered<T extends { created_at: number }>(items: T[], order: 'asc' | 'desc'): T[] {
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.created_at - b.item.created_at || a.i - b.i);
  const out = sorted.map((s) => s.item);
  return order === 'desc' ? out.reverse() : out;
}
