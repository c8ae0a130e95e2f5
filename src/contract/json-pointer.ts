/** JSON pointers (RFC 6901) as used by `$ref` values and by violation reports. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `['messages', 0, 'role']` → `/messages/0/role`; `[]` → `` (the whole value). */
export function toPointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(s);
  return out;
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body
    .split('/')
    .slice(1)
    .map((s) => unescapeSegment(decodeURIComponentSafe(s)));
}

/** Value at `pointer` (`/a/b` or `#/a/b`) inside `root`, or undefined when any step is missing. */
export function getAtPointer(root: unknown, pointer: string): any {
  let node: any = root;
  for (const seg of fromPointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[seg];
  }
  return node;
}

function decodeURIComponentSafe(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
