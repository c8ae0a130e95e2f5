import type { Contract } from '../../contract/index.js';
import { ID_PREFIXES, type IdOptions } from '../../fixtures/index.js';

/**
 * The id shape of each object type, learnt from the document's own examples: every example object with an
 * `id` and an `object` (`{"id": "vs_abc123", "object": "vector_store"}`) says which prefix that type uses.
 * The prefix is what the examples of a type share, up to the last `_` or `-` (`svc_acct_abc` → `svc_acct_`,
 * `cthi_user_001` and `cthi_assistant_002` → `cthi_`). Types the examples never show fall back to a small
 * table, then to the type's last word (`skill.version` → `version_`).
 */
export interface IdShapeHint {
  prefix: string;
  opts: IdOptions;
}

const FALLBACK: Record<string, string> = {
  skill: 'skill_',
  'skill.version': 'skillver_',
  'video.character': 'char_',
  'organization.project.group': 'group_',
  'organization.group.user': 'user_',
  'organization.group': 'group_',
  'eval.run.output_item': 'outputitem_',
};

const learnt = new WeakMap<Contract, Map<string, string[]>>();

function examplesOf(contract: Contract): Map<string, string[]> {
  let map = learnt.get(contract);
  if (map) return map;
  const found = new Map<string, string[]>();
  map = found;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      // Examples are JSON text inside the document (`x-oaiMeta` responses); parse only likely ones.
      if (value.length > 20 && value.includes('"object"') && value.includes('"id"')) {
        try {
          visit(JSON.parse(value), depth + 1);
        } catch {
          // not JSON (a curl command, a code sample): nothing to learn
        }
      }
      return;
    }
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const id = record['id'];
    const type = record['object'];
    if (typeof id === 'string' && typeof type === 'string' && /^[a-z][a-z_.]*$/.test(type)) {
      const ids = found.get(type) ?? [];
      if (ids.length < 8) ids.push(id);
      found.set(type, ids);
    }
    for (const v of Object.values(record)) visit(v, depth + 1);
  };
  visit(contract.document, 0);
  learnt.set(contract, found);
  return map;
}

/** The longest prefix all `ids` share, cut after its last `_` or `-`; undefined when they share none. */
export function sharedPrefix(ids: readonly string[]): string | undefined {
  if (ids.length === 0) return undefined;
  let common = ids[0]!;
  for (const id of ids) {
    let i = 0;
    while (i < common.length && i < id.length && common[i] === id[i]) i++;
    common = common.slice(0, i);
  }
  // With one example the whole id is "shared": keep what comes before its last separator.
  const cut = Math.max(common.lastIndexOf('_'), common.lastIndexOf('-'));
  if (cut <= 0) return undefined;
  const prefix = common.slice(0, cut + 1);
  return /^[a-z][a-z_-]*[_-]$/.test(prefix) ? prefix : undefined;
}

const shapes = new WeakMap<Contract, Map<string, IdShapeHint>>();

/** The prefix and body of new ids for objects of `type` (`vector_store` → `vs_` + 32 hex). */
export function idShapeFor(contract: Contract, type: string): IdShapeHint {
  let cache = shapes.get(contract);
  if (!cache) {
    cache = new Map();
    shapes.set(contract, cache);
  }
  const known = cache.get(type);
  if (known) return known;
  const examples = examplesOf(contract).get(type) ?? [];
  const prefix =
    sharedPrefix(examples) ??
    (Object.hasOwn(FALLBACK, type) ? FALLBACK[type]! : `${type.split('.').pop()!.replace(/_/g, '')}_`);
  const shape: IdShapeHint = { prefix, opts: bodyShape(prefix, examples) };
  cache.set(type, shape);
  return shape;
}

/** The body of the id: as the fixtures' table has it for a known prefix, else as long hex examples show, else 24 base-62. */
function bodyShape(prefix: string, examples: readonly string[]): IdOptions {
  const kind = Object.values(ID_PREFIXES).find((s) => s.prefix === prefix);
  if (kind) return { length: kind.length, alphabet: kind.alphabet };
  const body = examples.map((id) => id.slice(prefix.length)).find((b) => /^[0-9a-f]{24,}$/.test(b));
  if (body) return { length: body.length, alphabet: 'hex' };
  return { length: 24, alphabet: 'alnum' };
}
