import type { RecordedRequest } from './format.js';
import { type MatchOptions, matchView } from './normalize.js';

export interface Nearest {
  index: number;
  request: RecordedRequest;
  /** Readable lines: `/body/messages/0/content: recorded "hi", sent "hello"`. */
  differences: string[];
}

/**
 * The recorded request closest to one that missed: same method and path weigh most, then the number of
 * differing fields. What a user needs to see to fix a miss is *where* the two differ.
 */
export function findNearest(
  sent: RecordedRequest,
  recorded: readonly RecordedRequest[],
  options: MatchOptions = {},
): Nearest | undefined {
  const a = readable(matchView(sent, options));
  let best: (Nearest & { score: number }) | undefined;
  recorded.forEach((request, index) => {
    const b = readable(matchView(request, options));
    const differences: string[] = [];
    diff(b, a, '', differences, 200);
    const score = (a.method === b.method ? 0 : 1000) + (a.path === b.path ? 0 : 100) + differences.length;
    if (!best || score < best.score) best = { index, request, differences, score };
  });
  if (!best) return undefined;
  const { score: _, ...nearest } = best;
  return nearest;
}

/** JSON bodies diff as `/body/messages/0/content`, not `/body/json/messages/0/content`. */
function readable(view: ReturnType<typeof matchView>) {
  const body = view.body as { json?: unknown } | null;
  return body && typeof body === 'object' && 'json' in body ? { ...view, body: body.json } : view;
}

/** Collects `pointer: recorded X, sent Y` lines, depth first, up to `limit`. */
export function diff(recorded: unknown, sent: unknown, at: string, out: string[], limit = 20): void {
  if (out.length >= limit || Object.is(recorded, sent)) return;
  const bothObjects =
    recorded &&
    sent &&
    typeof recorded === 'object' &&
    typeof sent === 'object' &&
    Array.isArray(recorded) === Array.isArray(sent);
  if (!bothObjects) {
    out.push(`${at || '/'}: recorded ${show(recorded)}, sent ${show(sent)}`);
    return;
  }
  const r = recorded as Record<string, unknown>;
  const s = sent as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(r), ...Object.keys(s)])];
  for (const key of keys)
    diff(r[key], s[key], `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, out, limit);
}

function show(value: unknown): string {
  if (value === undefined) return '(nothing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
