// Functions that travel by source (issue 15 §1), the browser's pickling: `parallel().map(fn, …)` and
// `delayed(fn)` send `fn.toString()` to a pool worker, which rebuilds the function from that text.
// What the function closed over does not travel — exactly multiprocessing's restriction — so before
// shipping, the kernel finds the function's free variables (acorn) and refuses one that reads a cell
// variable or the cell API, naming it. JS globals (Math, JSON, Array…) exist in every worker.
import { parse } from 'acorn';
import { patternNames } from '../notebook/kernel/transform';
import type { Handler } from './types';

type Node = { type: string; [k: string]: unknown };

/** `source` as an expression that evaluates to the function, or null (a method's `f(x) {…}` becomes `({ f(x) {…} }).f`). */
export function functionExpression(source: string): string | null {
  const tryParse = (code: string) => {
    try {
      parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
      return true;
    } catch {
      return false;
    }
  };
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) return null;
  if (tryParse(`(${source}\n)`)) return `(${source}\n)`;
  const m = /^\s*(?:async\s+)?\*?\s*([A-Za-z_$][\w$]*)\s*\(/.exec(source);
  if (m && tryParse(`({ ${source}\n })`)) return `({ ${source}\n }).${m[1]}`;
  return null;
}

/**
 * The names `source` (a function's text) reads but does not declare, in order of first use.
 * Every name declared anywhere inside the function counts as declared (a shadowing corner case can
 * slip through; the worker then says the name is not defined). Throws when `source` is no function.
 */
export function freeVariables(source: string): string[] {
  const expr = functionExpression(source);
  if (expr === null) throw new SyntaxError('not a function written in JavaScript');
  const ast = parse(expr, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as Node;
  const declared = new Set<string>();
  const used: string[] = [];
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    const n = v as Node;
    if (typeof n.type !== 'string') return;
    switch (n.type) {
      case 'Identifier': used.push(n.name as string); return;
      case 'VariableDeclarator': patternNames(n.id as Node, declared); break;
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
        if (n.id) declared.add((n.id as Node).name as string);
        for (const p of n.params as Node[]) patternNames(p, declared);
        break;
      case 'ClassDeclaration': case 'ClassExpression': if (n.id) declared.add((n.id as Node).name as string); break;
      case 'CatchClause': patternNames(n.param as Node, declared); break;
      case 'MemberExpression': visit(n.object); if (n.computed) visit(n.property); return;
      case 'Property': case 'MethodDefinition': case 'PropertyDefinition':
        if (n.computed) visit(n.key);
        visit(n.value);
        return;
      case 'LabeledStatement': visit(n.body); return;
      case 'BreakStatement': case 'ContinueStatement': case 'MetaProperty': return;
    }
    for (const k of Object.keys(n)) if (k !== 'type') visit(n[k]);
  };
  visit(ast);
  return [...new Set(used.filter((u) => !declared.has(u)))];
}

/** The names of `fn` that would not exist in a worker: those not among `globals` (a worker's global names), in order. */
export function missingInWorker(source: string, globals: (name: string) => boolean): string[] {
  return freeVariables(source).filter((n) => !globals(n) && n !== 'undefined' && n !== 'arguments');
}

const built = new Map<string, (...args: unknown[]) => unknown>();
const MAX_BUILT = 64;

/** The function rebuilt from its source (cached per worker: a map of 1000 items compiles it once). */
export function rebuild(source: string): (...args: unknown[]) => unknown {
  let f = built.get(source);
  if (!f) {
    const expr = functionExpression(source);
    if (expr === null) throw new SyntaxError('not a function written in JavaScript');
    f = new Function(`"use strict";\nreturn ${expr};`)() as (...args: unknown[]) => unknown;
    if (typeof f !== 'function') throw new TypeError('the source is not a function');
    if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string);
    built.set(source, f);
  }
  return f;
}

/** A call of a function by source. `stored`: argument positions to read from this worker's store (a persisted result); `keep`: store the result under this key (persist) and return nothing; `get`: return a stored value. */
export interface FnPayload {
  source?: string;
  args?: unknown[];
  stored?: { index: number; key: string }[];
  keep?: string;
  get?: string;
}

const storedValue = (store: Map<string, unknown>, key: string, worker: number) => {
  if (!store.has(key)) throw new Error(`the persisted result ${key} is no longer on worker ${worker} (a Stop replaced the worker): persist it again`);
  return store.get(key);
};

/** One chunk of a chunked array (`chunks()`): a view of the shared data (no copy when it is a SharedArrayBuffer), mapped or reduced by `source`. */
export interface ChunkPayload {
  source: string;
  op: 'map' | 'reduce';
  chunk: ArrayLike<number> & { reduce: (f: (a: unknown, x: number, i: number) => unknown, init: unknown) => unknown };
  index: number;
  init?: unknown;
}

export const fnHandlers: Record<string, Handler> = {
  chunk: (async (p: ChunkPayload) => {
    const f = rebuild(String(p.source));
    if (p.op === 'map') return f(p.chunk, p.index);
    return p.chunk.reduce((acc, x, i) => f(acc, x, i), p.init);
  }) as Handler,
  fn: (async (p: FnPayload, env) => {
    if (p.get !== undefined) return storedValue(env.store, p.get, env.worker);
    const args = [...(p.args ?? [])];
    for (const s of p.stored ?? []) args[s.index] = storedValue(env.store, s.key, env.worker);
    const value = await rebuild(String(p.source))(...args);
    if (p.keep === undefined) return value;
    env.store.set(p.keep, value);
    return undefined;
  }) as Handler,
};
