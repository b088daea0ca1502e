import type { z } from 'zod';
import { Department, Project, SpecialFund, type DeclarationKind } from '../model';

/** What a model path leads to: a value a cell can hold, or an array a table fills. */
type Node = { leaf: true } | { array: Map<string, Node> } | { object: Map<string, Node> };

const SCHEMAS: Record<DeclarationKind, z.ZodType> = {
  department: Department,
  project: Project,
  specialFund: SpecialFund,
};

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/** Walk a zod schema through its wrappers (default, optional, nullable …) to the object, array or leaf. */
function nodeOf(schema: z.ZodType): Node {
  let s = schema;
  for (let def = defOf(s); def.innerType; def = defOf(s)) s = def.innerType;
  const def = defOf(s);
  if (def.type === 'object' && def.shape)
    return { object: new Map(Object.entries(def.shape).map(([k, v]) => [k, nodeOf(v)])) };
  if (def.type === 'array' && def.element) {
    const el = nodeOf(def.element);
    return { array: 'object' in el ? el.object : new Map() };
  }
  return { leaf: true };
}

const TREES = new Map<DeclarationKind, Map<string, Node>>();
function tree(kind: DeclarationKind): Map<string, Node> {
  let t = TREES.get(kind);
  if (!t) {
    const n = nodeOf(SCHEMAS[kind]);
    t = 'object' in n ? n.object : new Map();
    TREES.set(kind, t);
  }
  return t;
}

const EXTRA_KEY = /^extra\.[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/** The node a dotted path names under `root`; numeric segments step into arrays. */
function walk(root: Map<string, Node>, path: string): Node | undefined {
  let cur: Node = { object: root };
  for (const seg of path.split('.')) {
    if ('leaf' in cur) return undefined;
    if ('array' in cur) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = { object: cur.array };
      continue;
    }
    const next = cur.object.get(seg);
    if (!next) return undefined;
    cur = next;
  }
  return cur;
}

/** A path a field may write: a value of the kind's model, or a key under `extra`. */
export function isValuePath(kind: DeclarationKind, path: string): boolean {
  if (EXTRA_KEY.test(path)) return true;
  const n = walk(tree(kind), path);
  return !!n && 'leaf' in n;
}

/** The paths that hold a table's rows ('indicators', 'lineItems', 'projects'). */
export function isTablePath(kind: DeclarationKind, path: string): boolean {
  const n = walk(tree(kind), path);
  return !!n && 'array' in n && n.array.size > 0;
}

/** A key inside a table row ('name', 'target', 'history.0'). */
export function isColumnKey(kind: DeclarationKind, table: string, key: string): boolean {
  if (key === 'target') return isTablePath(kind, table);
  if (/^history\.[01]$/.test(key)) {
    const n = walk(tree(kind), table);
    return !!n && 'array' in n && n.array.has('history');
  }
  const n = walk(tree(kind), `${table}.0.${key}`);
  return !!n && 'leaf' in n;
}

/** A grid's path template ('funds.{key}') with one of its row keys. */
export function isGridPath(kind: DeclarationKind, template: string, key: string): boolean {
  return isValuePath(kind, template.replace('{key}', key));
}
