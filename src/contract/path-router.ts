import type { MatchResult, Operation } from './types.js';

interface Node {
  statics: Map<string, Node>;
  param: { name: string; node: Node } | undefined;
  /** Operations per upper-case method; a method may have `queryMatch` variants after its plain one. */
  methods: Map<string, Operation[]>;
}

const newNode = (): Node => ({ statics: new Map(), param: undefined, methods: new Map() });

/**
 * Matches a request path to an operation: a map lookup for templates without parameters, else a
 * walk over a segment tree where literal segments beat `{param}` ones (`/responses/input_tokens`
 * before `/responses/{response_id}`), with backtracking. No per-request regex scan over 288 routes.
 */
export class PathRouter {
  #statics = new Map<string, Node>();
  #root = newNode();

  add(op: Operation): void {
    let node = this.#root;
    for (const seg of splitPath(op.path)) {
      const param = /^\{([^}]+)\}$/.exec(seg);
      if (param) {
        node.param ??= { name: param[1]!, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.statics.get(seg);
        if (!next) {
          next = newNode();
          node.statics.set(seg, next);
        }
        node = next;
      }
    }
    const list = node.methods.get(op.method) ?? [];
    // plain operations first: they are the fallback when no variant's query matches
    if (op.queryMatch) list.push(op);
    else list.unshift(op);
    node.methods.set(op.method, list);
    if (!op.path.includes('{')) this.#statics.set(trimSlash(op.path), node);
  }

  match(method: string, rawPath: string, query?: Record<string, string | string[]>): MatchResult {
    const path = stripPrefix(rawPath);
    const params: Record<string, string> = {};
    const node = this.#statics.get(path) ?? walk(this.#root, splitPath(path), 0, params);
    if (!node || node.methods.size === 0) return { operation: undefined, allowedMethods: [] };
    const upper = method.toUpperCase();
    const list = node.methods.get(upper) ?? (upper === 'HEAD' ? node.methods.get('GET') : undefined);
    if (!list) return { operation: undefined, allowedMethods: [...node.methods.keys()] };
    return { operation: pickVariant(list, query), params };
  }
}

function walk(node: Node, segs: string[], i: number, params: Record<string, string>): Node | undefined {
  if (i === segs.length) return node.methods.size > 0 ? node : undefined;
  const seg = segs[i]!;
  const literal = node.statics.get(seg);
  if (literal) {
    const found = walk(literal, segs, i + 1, params);
    if (found) return found;
  }
  if (node.param && seg !== '') {
    const found = walk(node.param.node, segs, i + 1, params);
    if (found) {
      params[node.param.name] = decode(seg);
      return found;
    }
  }
  return undefined;
}

function pickVariant(list: Operation[], query: Record<string, string | string[]> | undefined): Operation {
  if (query) {
    for (const op of list) {
      const want = op.queryMatch;
      if (want && Object.entries(want).every(([k, v]) => firstValue(query[k]) === v)) return op;
    }
  }
  return list.find((op) => !op.queryMatch) ?? list[0]!;
}

const firstValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `/v1/models?x` → `/models`; a trailing slash is ignored. */
function stripPrefix(path: string): string {
  const q = path.indexOf('?');
  let p = q === -1 ? path : path.slice(0, q);
  if (p === '/v1' || p.startsWith('/v1/')) p = p.slice(3);
  return trimSlash(p) || '/';
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function splitPath(path: string): string[] {
  const p = trimSlash(path);
  return p === '/' || p === '' ? [] : p.slice(1).split('/');
}

function decode(seg: string): string {
  if (!seg.includes('%')) return seg;
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}
