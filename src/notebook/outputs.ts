// Outputs come from places the page does not control: cell code (through the kernel), a message a
// cell forges with self.postMessage, an imported .ipynb. Each is checked against its shape before it
// is rendered or stored; one that does not fit becomes a visible error output, never a blank page.
import type { ChartSpec, Output } from './kernel/protocol';

const CHART_TYPES: readonly ChartSpec['type'][] = ['line', 'bar', 'stackedBar', 'taskStream'];

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const bytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with `o` as an output, or null when it has the shape of its kind. */
export function outputProblem(o: unknown): string | null {
  if (!record(o)) return 'an output must be an object';
  if (!isStr(o.id)) return 'an output needs a string id';
  switch (o.kind) {
    case 'text': {
      if (!isStr(o.text)) return 'a text output needs a string "text"';
      return optional(o.folded, (v) => Number.isInteger(v) && (v as number) >= 0) ? null : 'a text output\'s "folded" must be a count';
    }
    case 'error': return isStr(o.message) && optional(o.line, isNum) && optional(o.name, isStr) && optional(o.retry, (v) => typeof v === 'boolean') ? null : 'an error output needs a string "message"';
    case 'table': {
      if (!strings(o.columns)) return 'a table needs "columns", a list of strings';
      const ok = Array.isArray(o.rows) && o.rows.every((r) => Array.isArray(r) && r.every((c) => isStr(c) || isNum(c)));
      return ok ? null : 'a table needs "rows", lists of strings and numbers';
    }
    case 'chart': {
      const s = o.spec;
      if (!record(s)) return 'a chart needs a "spec" object';
      if (!CHART_TYPES.includes(s.type as ChartSpec['type'])) return `a chart's type must be one of ${CHART_TYPES.join(', ')}`;
      if (!isStr(s.title) || !isStr(s.x) || !strings(s.y)) return 'a chart needs a string "title" and "x" and a list of strings "y"';
      if (!Array.isArray(s.data) || !s.data.every((r) => record(r) && Object.values(r).every((v) => isStr(v) || isNum(v)))) {
        return 'a chart needs "data", a list of objects of strings and numbers';
      }
      const opt = ['xLabel', 'yLabel', 'note'].every((k) => optional(s[k], isStr)) && ['logX', 'logY'].every((k) => optional(s[k], (v) => typeof v === 'boolean')) && optional(s.dashed, strings);
      return opt ? null : 'a chart has an option of the wrong type';
    }
    case 'digits': {
      if (!bytes(o.images) || !bytes(o.labels) || !optional(o.predictions, bytes) || !optional(o.title, isStr)) return 'a digit grid needs byte arrays "images" and "labels"';
      const n = o.labels.length;
      if (o.images.length !== n * 784 || (o.predictions && (o.predictions as Uint8Array).length !== n)) return 'a digit grid needs 784 pixels and one label per digit';
      return null;
    }
    case 'progress': return isStr(o.label) && isNum(o.value) && isNum(o.max) ? null : 'a progress bar needs a string "label" and numbers "value" and "max"';
    case 'code': return isStr(o.source) && isStr(o.language) ? null : 'a code output needs strings "source" and "language"';
    default: return `unknown output kind ${safeJson(o.kind)}`;
  }
}

/** `o` when it has the shape of its kind; otherwise an error output that says what was wrong. */
export function checkedOutput(o: unknown, fallbackId: string): Output {
  const problem = outputProblem(o);
  if (!problem) return o as Output;
  const id = record(o) && isStr(o.id) ? o.id : fallbackId;
  return { id, kind: 'error', name: 'InvalidOutput', message: `an output was refused: ${problem}` };
}

/** JSON of a value that may be anything, even an object whose conversion to text throws. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
