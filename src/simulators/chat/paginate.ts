import { OpenAIHttpError } from '../../engine/errors.js';

/**
 * Cursor pagination as the list endpoints do it: `order` (asc by default; items come oldest first),
 * `after` an item id, `limit` 1–100 (default 20); `has_more` tells the SDK to fetch the next page.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  query: Record<string, unknown>,
  what: string,
) {
  const order = query['order'] === 'desc' ? 'desc' : 'asc';
  const sorted = order === 'desc' ? [...items].reverse() : [...items];
  const rawLimit = query['limit'];
  const limit = rawLimit === undefined ? 20 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new OpenAIHttpError(
      400,
      `Invalid 'limit': expected an integer between 1 and 100, but got ${String(rawLimit)} instead.`,
      {
        param: 'limit',
        code: 'invalid_value',
      },
    );
  }
  let start = 0;
  const after = query['after'];
  if (typeof after === 'string' && after) {
    const at = sorted.findIndex((item) => item.id === after);
    if (at === -1) throw new OpenAIHttpError(404, `No ${what} found with id '${after}'.`, { param: 'after' });
    start = at + 1;
  }
  const data = sorted.slice(start, start + limit);
  return {
    data,
    first_id: data[0]?.id ?? '',
    last_id: data[data.length - 1]?.id ?? '',
    has_more: start + limit < sorted.length,
  };
}
