// Runs one cell's code in the shared scope and turns failures into { message, line }.
import { safeJson } from '../outputs';
import { StoppedError } from '../../backends/types';
import { CellSyntaxError, transformCell } from './transform';

type AsyncFn = (scope: object) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncFn;

const WRAP_PREFIX = 'with (__scope) {\n';
let lineOffset: number | null = null;

function cellFrameLine(stack: string | undefined, url: string): number | null {
  if (!stack) return null;
  const m = stack.match(new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`));
  return m ? Number(m[1]) : null;
}

/** How many lines the Function constructor and our wrapper add before the cell's first line
 * (measured once with a plain Function: its header has as many lines as an async one's). */
function calibrate(): number {
  if (lineOffset !== null) return lineOffset;
  try {
    const f = new Function('__scope', `${WRAP_PREFIX}throw new Error('x')\n}\n//# sourceURL=calibrate.js`);
    f({});
  } catch (e) {
    const l = cellFrameLine((e as Error).stack, 'calibrate.js');
    lineOffset = l !== null ? l - 1 : 2;
  }
  return lineOffset ?? 2;
}

export interface CellFailure {
  name: string;
  message: string;
  line?: number;
  stopped: boolean;
  error: unknown; // the thrown value, for a translated message
}

export async function executeCell(code: string, scope: Record<string, unknown>, url: string): Promise<{ value: unknown } | { failure: CellFailure }> {
  let body: string;
  // names this run adds to the scope (so that its declarations land there): if the cell stops or
  // fails before it assigns one, the name goes again, and a later cell that reads it is told that it
  // is not defined (issue 12) rather than handed `undefined` and failing for a reason that misleads
  const added: string[] = [];
  try {
    const t = transformCell(code);
    for (const n of t.declared) {
      if (!(n in scope)) {
        scope[n] = undefined;
        added.push(n);
      }
    }
    body = t.body;
  } catch (e) {
    if (e instanceof CellSyntaxError) return { failure: { name: 'SyntaxError', message: e.message, line: e.line, stopped: false, error: e } };
    throw e;
  }
  // Function bodies are sloppy-mode code, which `with` needs; the offset is the same for async.
  const offset = calibrate();
  try {
    const fn = new AsyncFunction('__scope', `${WRAP_PREFIX}${body}\n}\n//# sourceURL=${url}`);
    return { value: await fn(scope) };
  } catch (e) {
    forgetUnassigned(scope, added);
    const err = e instanceof Error ? e : new Error(`a non-Error value was thrown: ${thrownText(e)}`);
    const raw = cellFrameLine(err.stack, url);
    return {
      failure: {
        name: err.name, message: err.message, stopped: err instanceof StoppedError || err.name === 'StoppedError',
        line: raw !== null ? raw - offset : undefined, error: e,
      },
    };
  }
}

/** Removes the names of `added` that are still undefined (the cell never got to assign them). */
function forgetUnassigned(scope: Record<string, unknown>, added: readonly string[]): void {
  for (const n of added) {
    try {
      if (scope[n] === undefined) delete scope[n];
    } catch {
      // a cell that made the name a getter or locked it keeps it
    }
  }
}

/** A thrown value of any kind as text, even one whose own conversion to text throws. */
export function thrownText(v: unknown): string {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    try {
      return String(v);
    } catch {
      return typeof v;
    }
  }
  return safeJson(v);
}
