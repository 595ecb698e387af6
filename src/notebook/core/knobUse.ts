// Which knobs a cell's run reads, decided before it runs, with no React. The source is parsed with
// acorn (as needs.ts and the kernel's transform do): `train({...})` calls, `show.race(...)` and
// `knobs.X` reads. A key a train() call gives a literal is fixed (the knob would change nothing); a
// key it gives another expression (a loop variable) is set by the code; a key it leaves out, or gives
// `knobs.X`, comes from the knob. After a run, what train() reported (trainUse.ts) corrects what this
// pass could not see (an options object built in a variable).
import { parse } from 'acorn';
import { optionBackend } from '../../backends/options';
import { BACKEND_NAMES, type BackendName } from '../../backends/types';
import type { Knobs } from '../kernel/protocol';
import { KNOBS } from './knobs';
import { knobUseSeed } from './knobUseSeed';
import type { TrainUse } from './trainUse';

export type KnobValue = string | number | boolean;

/** How a cell's run gets one option: from the toolbar knob, fixed to literal values, or set by the code. */
export type KnobRole = { kind: 'knob' } | { kind: 'fixed'; values: KnobValue[] } | { kind: 'code' };

export interface CellKnobUse {
  /** it trains (train(), show.race()): the run's options apply */
  trains: boolean;
  /** the backends its runs use; 'knob': the Backend knob's */
  backends: ReadonlySet<BackendName | 'knob'>;
  /** every option the run reads, by key (a key that is absent is not read: its knob is not shown) */
  roles: Partial<Record<keyof Knobs, KnobRole>>;
  /** the knobs the code reads itself (`knobs.X`) */
  direct: ReadonlySet<string>;
}

type Node = { type: string; [k: string]: unknown };
type CallRole = KnobRole | undefined; // undefined: the call leaves it out (the knob applies)

const KEYS = new Set<string>(KNOBS.map((k) => k.key));
const RUN_KEYS = KNOBS.filter((k) => k.backend === null).map((k) => k.key);

function walk(v: unknown, visit: (n: Node) => void): void {
  if (!v || typeof v !== 'object') return;
  if (Array.isArray(v)) { for (const x of v) walk(x, visit); return; }
  const n = v as Node;
  if (typeof n.type !== 'string') return;
  visit(n);
  for (const k of Object.keys(n)) if (k !== 'type') walk(n[k], visit);
}

const isIdent = (n: unknown, name: string): boolean => (n as Node | null)?.type === 'Identifier' && (n as Node).name === name;

/** `knobs.X` (X a knob), or null. */
function knobRead(n: Node): string | null {
  if (n.type !== 'MemberExpression' || n.computed || !isIdent(n.object, 'knobs')) return null;
  const p = n.property as Node;
  return p.type === 'Identifier' && KEYS.has(p.name as string) ? (p.name as string) : null;
}

/** A literal value (a string, number or boolean, a negative number, a template with no holes), or undefined. */
function literal(n: Node): KnobValue | undefined {
  if (n.type === 'Literal' && ['string', 'number', 'boolean'].includes(typeof n.value)) return n.value as KnobValue;
  if (n.type === 'UnaryExpression' && n.operator === '-' && (n.argument as Node).type === 'Literal' && typeof (n.argument as Node).value === 'number') return -((n.argument as Node).value as number);
  if (n.type === 'TemplateLiteral' && (n.expressions as Node[]).length === 0) return ((n.quasis as Node[])[0].value as { cooked: string }).cooked;
  return undefined;
}

function propKey(p: Node): string | null {
  const k = p.key as Node;
  if (!p.computed && k.type === 'Identifier') return k.name as string;
  if (k.type === 'Literal' && typeof k.value === 'string') return k.value;
  return null;
}

/** The roles one train() call gives; null: its options cannot be read here (a variable, a spread). */
function callRoles(arg: Node | undefined): Map<string, CallRole> | null {
  const out = new Map<string, CallRole>();
  if (!arg) return out;
  if (arg.type !== 'ObjectExpression') return null;
  for (const p of arg.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      if (isIdent(p.argument, 'knobs')) continue; // `...knobs`: every knob, as when left out
      return null;
    }
    const key = propKey(p);
    if (key === null) return null; // a computed key could be any option
    if (!KEYS.has(key)) continue;
    const v = p.value as Node;
    const lit = literal(v);
    out.set(key, knobRead(v) === key ? undefined : lit !== undefined ? { kind: 'fixed', values: [lit] } : { kind: 'code' });
  }
  return out;
}

/** A call of `train(...)` or `show.race(...)`. */
function trainingCall(n: Node): 'train' | 'race' | null {
  if (n.type !== 'CallExpression') return null;
  const c = n.callee as Node;
  if (isIdent(c, 'train')) return 'train';
  if (c.type === 'MemberExpression' && !c.computed && isIdent(c.object, 'show') && isIdent(c.property, 'race')) return 'race';
  return null;
}

/** Two roles of the same key in different calls, as one: a knob any call reads is read; fixed values add up. */
function merge(a: KnobRole | undefined, b: KnobRole): KnobRole {
  if (!a) return b;
  if (a.kind === 'knob' || b.kind === 'knob') return { kind: 'knob' };
  if (a.kind === 'code' || b.kind === 'code') return { kind: 'code' };
  return { kind: 'fixed', values: [...new Set([...a.values, ...b.values])] };
}

const EVERYTHING: CellKnobUse = {
  trains: true, backends: new Set(['knob']),
  roles: Object.fromEntries(KNOBS.map((k) => [k.key, { kind: 'knob' }])) as CellKnobUse['roles'],
  direct: new Set(KNOBS.map((k) => k.key)),
};

const cache = new Map<string, CellKnobUse>();

/** What the cell with this source reads of its knobs, found before it runs. A source that does not
 * parse is taken to read them all (the knobs stay available while a student is mid-edit). */
export function staticKnobUse(source: string): CellKnobUse {
  const hit = cache.get(source);
  if (hit) return hit;
  // an unedited lesson cell: what the build found (knobUseSeed.ts), never parsed in the page
  const seed = knobUseSeed(source);
  if (seed) {
    const use = fromSerial(seed);
    cache.set(source, use);
    return use;
  }
  let program: Node;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true }) as unknown as Node;
  } catch {
    return EVERYTHING;
  }
  const roles: CellKnobUse['roles'] = {};
  const backends = new Set<BackendName | 'knob'>();
  const read = new Set<string>();
  let trains = false, names = 0, plain = 0;
  walk(program, (n) => {
    const k = knobRead(n);
    if (k) { read.add(k); plain++; }
    if (isIdent(n, 'knobs')) names++;
    if (n.type === 'SpreadElement' && isIdent(n.argument, 'knobs')) plain++; // `train({ ...knobs, ... })`: as if left out
    const call = trainingCall(n);
    if (!call) return;
    trains = true;
    const given = call === 'train' ? callRoles((n.arguments as Node[])[0]) : new Map<string, CallRole>([['backend', { kind: 'code' }]]);
    for (const key of RUN_KEYS) roles[key] = merge(roles[key], given ? (given.get(key) ?? { kind: 'knob' }) : { kind: 'knob' });
    const b = given ? (given.get('backend') ?? { kind: 'knob' }) : { kind: 'knob' as const };
    if (b.kind === 'knob') backends.add('knob');
    else if (b.kind === 'fixed') for (const v of b.values) { if ((BACKEND_NAMES as readonly KnobValue[]).includes(v)) backends.add(v as BackendName); }
    else for (const name of BACKEND_NAMES) backends.add(name);
    // a backend's own options, from the calls whose backend may read them
    for (const { key } of KNOBS) {
      const reader = optionBackend(key);
      if (reader === null || (b.kind === 'fixed' && !b.values.includes(reader))) continue;
      roles[key] = merge(roles[key], given ? (given.get(key) ?? { kind: 'knob' }) : { kind: 'knob' });
    }
  });
  // `knobs` passed or indexed whole (`f(knobs)`, `knobs[k]`): any knob may be read
  if (names > plain) return EVERYTHING;
  for (const key of read) roles[key as keyof Knobs] = { kind: 'knob' };
  const use: CellKnobUse = { trains, backends, roles, direct: read };
  if (cache.size > 500) cache.clear();
  cache.set(source, use);
  return use;
}

/** A CellKnobUse as JSON can carry it (the build finds the lessons' and ships them: src/lessons/compile.ts). */
export interface SerialKnobUse { trains: boolean; backends: (BackendName | 'knob')[]; roles: CellKnobUse['roles']; direct: string[] }

export function serialKnobUse(u: CellKnobUse): SerialKnobUse {
  return { trains: u.trains, backends: [...u.backends], roles: u.roles, direct: [...u.direct] };
}

function fromSerial(u: SerialKnobUse): CellKnobUse {
  return { trains: u.trains, backends: new Set(u.backends), roles: u.roles, direct: new Set(u.direct) };
}

/** The knobs the toolbar shows, with how each is used, in toolbar order. A backend's option is shown
 * when a backend the cell trains on reads it (or the code reads `knobs.X` itself). `trained`: what
 * the last run of this same source reported; a key every train() call gave in its code is fixed to
 * the values it used, even if this pass thought it came from the knob. */
export function shownKnobs(source: string, knobs: Knobs, trained: readonly TrainUse[] | null): { key: keyof Knobs; role: KnobRole }[] {
  const use = staticKnobUse(source);
  const direct = use.direct;
  const usedBackends = new Set<BackendName>();
  for (const b of use.backends) usedBackends.add(b === 'knob' ? knobs.backend : b);
  if (trained?.length) for (const t of trained) usedBackends.add(t.options.backend as BackendName);
  // wasm's scalar build is single-thread: with simd off, the threads knob changes nothing
  const simd = use.roles.simd;
  const scalarOnly = simd?.kind === 'knob' ? !knobs.simd : simd?.kind === 'fixed' && simd.values.every((v) => v === false);
  const out: { key: keyof Knobs; role: KnobRole }[] = [];
  for (const { key, backend } of KNOBS) {
    let role = use.roles[key];
    if (!role) continue;
    if (backend !== null && !usedBackends.has(backend) && !direct.has(key)) continue;
    if (key === 'threads' && role.kind === 'knob' && scalarOnly && !direct.has(key)) continue;
    if (role.kind === 'knob' && trained?.length && !direct.has(key)) {
      const runs = trained.filter((t) => backend === null || t.options.backend === backend);
      if (runs.length && runs.every((t) => t.fromCode.includes(key))) role = { kind: 'fixed', values: [...new Set(runs.map((t) => t.options[key]))] };
    }
    out.push({ key, role });
  }
  return out;
}
