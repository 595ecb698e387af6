// "Run cell N first", with no React: when a cell fails because a name is not defined
// (`ReferenceError: run is not defined`), which earlier cell defines it, why that cell's variables
// are not in this kernel (it has not run here, or it stopped or failed before the assignment), and
// which cells to run before this one again. A cell's names come from its source, parsed with acorn
// (as the kernel's transform does): the top-level declarations and plain assignments it defines,
// and every identifier it reads.
import { parse } from 'acorn';
import type { Output } from '../kernel/protocol';
import type { RunResult } from './cell';

/** Why an earlier cell's variable is not in the kernel now running. */
export type NeedsReason = 'notRun' | 'stopped' | 'error' | 'interrupted';

export interface Needs {
  /** the name that was not defined */
  name: string;
  /** the lesson index of the last cell before the failing one that defines it */
  definer: number;
  reason: NeedsReason;
  /** lesson indices of the earlier cells to run first, in order: the definer and what they need in turn */
  run: number[];
}

type Node = { type: string; [k: string]: unknown };
interface Names { defines: ReadonlySet<string>; uses: ReadonlySet<string> }

/** V8's message for a name that is not defined; the kernel keeps it as the engine wrote it. */
const NOT_DEFINED = /^([\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*) is not defined$/u;

/** The name a ReferenceError output says is not defined, or null. */
export function missingName(o: Output): string | null {
  if (o.kind !== 'error' || o.name !== 'ReferenceError') return null;
  return NOT_DEFINED.exec(o.message)?.[1] ?? null;
}

function bindingNames(p: unknown, out: Set<string>): void {
  const n = p as Node | null;
  if (!n || typeof n !== 'object') return;
  switch (n.type) {
    case 'Identifier': out.add(n.name as string); break;
    case 'ObjectPattern': for (const prop of n.properties as Node[]) bindingNames(prop.type === 'RestElement' ? prop.argument : prop.value, out); break;
    case 'ArrayPattern': for (const el of n.elements as (Node | null)[]) bindingNames(el, out); break;
    case 'RestElement': bindingNames(n.argument, out); break;
    case 'AssignmentPattern': bindingNames(n.left, out); break;
  }
}

/** An identifier that names a property or a label rather than reading a variable. */
function notARead(parent: Node | null, key: string): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression': return key === 'property' && !parent.computed;
    case 'Property': case 'MethodDefinition': case 'PropertyDefinition': return key === 'key' && !parent.computed;
    case 'LabeledStatement': case 'BreakStatement': case 'ContinueStatement': return key === 'label';
    default: return false;
  }
}

function walk(v: unknown, parent: Node | null, key: string, visit: (n: Node, parent: Node | null, key: string) => void): void {
  if (!v || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) walk(x, parent, key, visit);
    return;
  }
  const n = v as Node;
  if (typeof n.type !== 'string') return;
  visit(n, parent, key);
  for (const k of Object.keys(n)) if (k !== 'type') walk(n[k], n, k, visit);
}

const cache = new Map<string, Names>();

/** What a cell's source defines at top level and what it reads (empty if it does not parse). */
export function cellNames(source: string): Names {
  const hit = cache.get(source);
  if (hit) return hit;
  const defines = new Set<string>(), uses = new Set<string>();
  try {
    const program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true }) as unknown as Node;
    for (const s of program.body as Node[]) {
      if (s.type === 'VariableDeclaration') for (const d of s.declarations as Node[]) bindingNames(d.id, defines);
      else if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) defines.add((s.id as Node).name as string);
      else if (s.type === 'ExpressionStatement' && (s.expression as Node).type === 'AssignmentExpression') bindingNames((s.expression as Node).left, defines);
    }
    // names bound anywhere inside the cell (parameters, inner declarations) are its own: an earlier
    // cell is not needed for them (this may miss a global read under the same name, never adds a cell)
    const bound = new Set<string>(), reads = new Set<string>();
    walk(program, null, '', (n, parent, key) => {
      if (n.type === 'Identifier' && !notARead(parent, key)) reads.add(n.name as string);
      else if (n.type === 'VariableDeclarator') bindingNames(n.id, bound);
      else if (n.type === 'CatchClause') bindingNames(n.param, bound);
      if (/^(Function|Class)(Declaration|Expression)$|^ArrowFunctionExpression$/.test(n.type)) {
        if (n.id) bindingNames(n.id, bound);
        for (const p of (n.params as unknown[] | undefined) ?? []) bindingNames(p, bound);
      }
    });
    for (const r of reads) if (!bound.has(r) || defines.has(r)) uses.add(r);
  } catch {
    // a cell that does not parse defines nothing we can see
  }
  const names = { defines, uses };
  if (cache.size > 500) cache.clear();
  cache.set(source, names);
  return names;
}

/** A lesson cell as the analysis sees it. */
export interface CellSource { kind: 'code' | 'markdown'; source: string }

/**
 * Why cell `at` found `name` not defined, and what to run first; null when no earlier cell defines
 * it or that cell did run to the end in this kernel (then the cause is elsewhere). `resultNow(i)`
 * is how cell i's run in the kernel now running ended (null: it has not run in it).
 */
export function whyMissing(cells: readonly CellSource[], at: number, name: string, resultNow: (index: number) => RunResult | null): Needs | null {
  const definerOf = (n: string, before: number): number | null => {
    for (let j = before - 1; j >= 0; j--) if (cells[j].kind === 'code' && cellNames(cells[j].source).defines.has(n)) return j;
    return null;
  };
  const ran = (j: number) => resultNow(j) === 'ok';
  const definer = definerOf(name, at);
  if (definer === null || ran(definer)) return null;
  // the definer, and every earlier cell that has not run and defines a name that the failing cell
  // or one of those cells reads
  const need = new Set<number>([definer]);
  const frontier = [at, definer];
  while (frontier.length) {
    const i = frontier.pop()!;
    const own = cellNames(cells[i].source);
    for (const u of own.uses) {
      if (own.defines.has(u)) continue;
      const j = definerOf(u, i);
      if (j === null || need.has(j) || ran(j)) continue;
      need.add(j);
      frontier.push(j);
    }
  }
  const r = resultNow(definer);
  const reason: NeedsReason = r === 'stopped' || r === 'error' || r === 'interrupted' ? r : 'notRun';
  return { name, definer, reason, run: [...need].sort((a, b) => a - b) };
}
