// Outputs come from places the page does not control: cell code (through the kernel), a message a
// cell forges with self.postMessage, an imported .ipynb. Each is checked against its shape before it
// is rendered or stored; one that does not fit becomes a visible error output, never a blank page.
import { t, type Lang } from '../i18n';
import type { chartsEn } from '../i18n/charts.en';
import type { measureEn } from '../i18n/measure.en';
import type { outputsEn } from '../i18n/outputs.en';
import type { raceEn } from '../i18n/race.en';
import type { digitsEn } from '../i18n/digits.en';
import { modelProblem } from '../models/model';
import type { weightsEn } from '../i18n/weights.en';
import { INPUT_SIZE, MAX_HIDDEN, MIN_HIDDEN, OUTPUT_SIZE } from '../mlp/spec';
import type { confusionEn } from '../i18n/confusion.en';
import type { tasksEn } from '../i18n/tasks.en';
import type { kmeansEn } from '../i18n/kmeans.en';
import { isConfusion, isPredictions } from './confusionShape';
import { isHeatmap } from './heatmapShape';
import type { searchEn } from '../i18n/search.en';
import type { exportEn } from '../i18n/export.en';
import { BACKEND_NAMES } from '../backends/types';
import type { ChartSpec, Output, RaceLaneStatus } from './kernel/protocol';

const CHART_TYPES: readonly ChartSpec['type'][] = ['line', 'bar', 'stackedBar', 'taskStream'];
export const MAX_MARKERS = 1000;

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const bytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A chart's markers: labelled vertical lines at finite x positions (a few per epoch; a bounded number). */
/** Error bars name a series and two data keys (a few per chart). */
const isErrorBars = (v: unknown) => Array.isArray(v) && v.length <= 16 && v.every((e) => record(e) && isStr(e.y) && isStr(e.low) && isStr(e.high));
const isMarkers = (v: unknown) => Array.isArray(v) && v.length <= MAX_MARKERS && v.every((m) => record(m) && isNum(m.x) && Number.isFinite(m.x) && isStr(m.label));

const RACE_STATUSES: readonly RaceLaneStatus[] = ['waiting', 'running', 'done', 'failed', 'stopped'];
/** Bounds of a race output (the kernel sends at most 8 lanes of 300 points). */
export const MAX_RACE_LANES = 32;
export const MAX_RACE_POINTS = 5000;
const finite = (v: unknown): v is number => isNum(v) && Number.isFinite(v);
const isPoint = (p: unknown) => record(p) && finite(p.t) && finite(p.step) && finite(p.loss);
const isLane = (l: unknown) => record(l) && isStr(l.label) && BACKEND_NAMES.includes(l.backend as never) && isStr(l.variant)
  && RACE_STATUSES.includes(l.status as RaceLaneStatus) && finite(l.total) && finite(l.done) && finite(l.elapsedMs)
  && Array.isArray(l.points) && l.points.length <= MAX_RACE_POINTS && l.points.every(isPoint)
  && ['msPerEpoch', 'totalMs', 'accuracy', 'maxDelta'].every((k) => optional(l[k], finite)) && optional(l.reason, isStr);
/** A race: its settings and at most MAX_RACE_LANES well-formed lanes. */
export const isRace = (r: unknown) => record(r) && typeof r.concurrent === 'boolean' && typeof r.finished === 'boolean'
  && ['cores', 'samples', 'epochs', 'batchSize'].every((k) => finite(r[k]))
  && Array.isArray(r.lanes) && r.lanes.length <= MAX_RACE_LANES && r.lanes.every(isLane);

/** Bounds of a weights view (the kernel sends 6 digits with 3 units per class; hidden ≤ MAX_HIDDEN: at most 784 kB of int8 filters). */
export const MAX_WEIGHT_DIGITS = 16;
export const MAX_TOP_UNITS = 16;
const int = (v: unknown, lo: number, hi: number): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const isWeightsDigit = (d: unknown, hidden: number) => record(d) && int(d.index, 0, 1e7) && int(d.label, 0, 9) && int(d.prediction, 0, 9)
  && d.image instanceof Uint8Array && d.image.length === INPUT_SIZE
  && Array.isArray(d.activations) && d.activations.length === hidden && d.activations.every(finite)
  && Array.isArray(d.classes) && d.classes.length === OUTPUT_SIZE && d.classes.every((c) => record(c) && finite(c.logit)
    && Array.isArray(c.top) && c.top.length <= MAX_TOP_UNITS && c.top.every((u) => record(u) && int(u.unit, 0, hidden - 1) && finite(u.contribution)));
/** show.weights: H int8 filters of 784 weights, a finite scale ≥ 0, and a bounded number of well-formed digits. */
export const isWeights = (w: unknown) => record(w) && isStr(w.label) && int(w.hidden, MIN_HIDDEN, MAX_HIDDEN) && finite(w.scale) && w.scale >= 0
  && w.filters instanceof Int8Array && w.filters.length === w.hidden * INPUT_SIZE
  && Array.isArray(w.digits) && w.digits.length <= MAX_WEIGHT_DIGITS && w.digits.every((d) => isWeightsDigit(d, w.hidden as number));

/** Bounds of a task graph (the kernel sends at most 200 nodes: src/notebook/kernel/tasksApi.ts MAX_GRAPH_NODES). */
export const MAX_GRAPH_NODES = 200;
export const MAX_GRAPH_EDGES = 4000;
const isGraphNode = (n: unknown) => record(n) && isStr(n.name) && n.name.length <= 200 && optional(n.worker, (v) => int(v, 0, 63))
  && optional(n.ms, (v) => finite(v) && (v as number) >= 0) && optional(n.persisted, (v) => typeof v === 'boolean');
/** show.graph: at most MAX_GRAPH_NODES named nodes, edges between two of them, a count of the nodes left out. */
export const isGraph = (g: unknown) => record(g) && isStr(g.title) && int(g.omitted, 0, 1e9)
  && Array.isArray(g.nodes) && g.nodes.length <= MAX_GRAPH_NODES && g.nodes.every(isGraphNode)
  && Array.isArray(g.edges) && g.edges.length <= MAX_GRAPH_EDGES
  && g.edges.every((e) => Array.isArray(e) && e.length === 2 && e.every((i) => int(i, 0, (g.nodes as unknown[]).length - 1)));

/** kmeans(): at most MAX_CENTROIDS centroids (the kernel allows k ≤ 256), each with a size, a label 0–9 and a share in [0, 1]. */
export const MAX_CENTROIDS = 256;
export const isCentroids = (c: unknown) => record(c) && isStr(c.title) && bytes(c.images) && Array.isArray(c.sizes)
  && c.sizes.length >= 1 && c.sizes.length <= MAX_CENTROIDS && c.images.length === c.sizes.length * INPUT_SIZE
  && c.sizes.every((s) => int(s, 0, 1e8)) && Array.isArray(c.majority) && c.majority.length === c.sizes.length && c.majority.every((l) => int(l, 0, 9))
  && Array.isArray(c.share) && c.share.length === c.sizes.length && c.share.every((x) => finite(x) && x >= 0 && x <= 1);

/** A reason an output does not fit its kind: an i18n key's tail and its parameters. */
export interface OutputProblem { code: ProblemCode; params?: Record<string, string> }
type ProblemCode = (keyof typeof outputsEn | keyof typeof chartsEn | keyof typeof raceEn | keyof typeof measureEn | keyof typeof digitsEn | keyof typeof weightsEn | keyof typeof confusionEn | keyof typeof tasksEn | keyof typeof kmeansEn | keyof typeof searchEn | keyof typeof exportEn) extends infer K ? (K extends `outputProblem_${infer C}` ? C : never) : never;
const P = (code: ProblemCode, params?: Record<string, string>): OutputProblem => ({ code, params });

/** The reason as text in `lang`. */
export function problemText(p: OutputProblem, lang: Lang = 'en'): string {
  return t(lang, `outputProblem_${p.code}`, p.params);
}

/** An export's experiment: the run's options (finite numbers, a backend name) and, if any, its results. */
function isExperiment(v: unknown): boolean {
  if (!record(v) || !record(v.options)) return false;
  const o = v.options;
  const nums = ['workers', 'threads', 'batchSize', 'learningRate', 'epochs', 'samples', 'seed', 'hiddenSize'].every((k) => isNum(o[k]) && Number.isFinite(o[k]));
  if (!nums || !isStr(o.backend) || !(BACKEND_NAMES as readonly string[]).includes(o.backend)) return false;
  if (!optional(v.mnistUrl, isStr)) return false;
  const finite = (x: unknown) => isNum(x) && Number.isFinite(x);
  if (!optional(v.search, (s) => record(s) && ['samples', 'validation', 'epochs', 'seed', 'nJobs'].every((k) => finite(s[k]))
    && (s.testAccuracy === null || finite(s.testAccuracy))
    && Array.isArray(s.trials) && s.trials.length > 0 && s.trials.every((t) => record(t) && ['learningRate', 'batchSize', 'hidden', 'accuracy', 'loss'].every((k) => isNum(t[k]))))) return false;
  return optional(v.results, (r) => record(r) && Array.isArray(r.epochs) && r.epochs.every((e) => record(e) && isNum(e.loss) && isNum(e.ms))
    && (r.accuracy === null || isNum(r.accuracy)) && isStr(r.describe) && isStr(r.machine) && isStr(r.date)
    && optional(r.lanes, (ls) => Array.isArray(ls) && ls.every((l) => record(l) && isStr(l.label) && isStr(l.describe) && isStr(l.status)
      && ['msPerEpoch', 'accuracy', 'finalLoss'].every((k) => l[k] === null || isNum(l[k])))));
}

/** What is wrong with `o` as an output, or null when it has the shape of its kind. */
export function outputProblem(o: unknown): OutputProblem | null {
  if (!record(o)) return P('not_object');
  if (!isStr(o.id)) return P('no_id');
  switch (o.kind) {
    case 'text': {
      if (!isStr(o.text)) return P('text');
      return optional(o.folded, (v) => Number.isInteger(v) && (v as number) >= 0) ? null : P('folded');
    }
    case 'error': return isStr(o.message) && optional(o.line, isNum) && optional(o.name, isStr) && optional(o.retry, (v) => typeof v === 'boolean') ? null : P('error');
    case 'table': {
      if (!strings(o.columns)) return P('table_columns');
      const ok = Array.isArray(o.rows) && o.rows.every((r) => Array.isArray(r) && r.every((c) => isStr(c) || isNum(c)));
      return ok ? null : P('table_rows');
    }
    case 'chart': {
      const s = o.spec;
      if (!record(s)) return P('chart_spec');
      if (!CHART_TYPES.includes(s.type as ChartSpec['type'])) return P('chart_type', { types: CHART_TYPES.join(', ') });
      if (!isStr(s.title) || !isStr(s.x) || !strings(s.y)) return P('chart_fields');
      if (!Array.isArray(s.data) || !s.data.every((r) => record(r) && Object.values(r).every((v) => isStr(v) || isNum(v)))) {
        return P('chart_data');
      }
      const opt = ['xLabel', 'yLabel', 'note', 'unit'].every((k) => optional(s[k], isStr)) && ['logX', 'logY'].every((k) => optional(s[k], (v) => typeof v === 'boolean')) && optional(s.dashed, strings) && optional(s.columns, strings);
      if (!opt) return P('chart_option');
      if (!optional(s.errorBars, isErrorBars)) return P('chart_errorBars');
      return optional(s.markers, isMarkers) ? null : P('chart_markers');
    }
    case 'digits': {
      if (!bytes(o.images) || !bytes(o.labels) || !optional(o.predictions, bytes) || !optional(o.title, isStr)) return P('digits_bytes');
      const n = o.labels.length;
      if (o.images.length !== n * 784 || (o.predictions && (o.predictions as Uint8Array).length !== n)) return P('digits_size');
      return null;
    }
    case 'progress': return isStr(o.label) && isNum(o.value) && isNum(o.max) && optional(o.detail, isStr) ? null : P('progress');
    case 'code': return isStr(o.source) && isStr(o.language) ? null : P('code');
    case 'race': return isRace(o.race) ? null : P('race');
    case 'draw': {
      const problem = o.model === undefined ? null : modelProblem(o.model);
      return isStr(o.title) && optional(o.latest, (v) => typeof v === 'boolean') && !problem ? null : P('draw', { problem: problem ?? 'title' });
    }
    case 'weights': return isWeights(o.weights) ? null : P('weights', { max: String(MAX_WEIGHT_DIGITS) });
    case 'confusion': return isConfusion(o.confusion) ? null : P('confusion');
    case 'predictions': return isPredictions(o.predictions) ? null : P('predictions');
    case 'graph': return isGraph(o.graph) ? null : P('graph', { max: String(MAX_GRAPH_NODES) });
    case 'centroids': return isCentroids(o.centroids) ? null : P('centroids', { max: String(MAX_CENTROIDS) });
    case 'heatmap': return isHeatmap(o.heatmap) ? null : P('heatmap');
    case 'export': return isExperiment(o.experiment) ? null : P('export');
    default: return P('unknown_kind', { kind: safeJson(o.kind) });
  }
}

/** `o` when it has the shape of its kind; otherwise an error output that says what was wrong. */
export function checkedOutput(o: unknown, fallbackId: string, lang: Lang = 'en'): Output {
  const problem = outputProblem(o);
  if (!problem) return o as Output;
  const id = record(o) && isStr(o.id) ? o.id : fallbackId;
  return { id, kind: 'error', name: 'InvalidOutput', message: t(lang, 'outputRefused', { problem: problemText(problem, lang) }) };
}

/** JSON of a value that may be anything, even an object whose conversion to text throws. */
export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
