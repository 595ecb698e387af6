// A lesson with its outputs as a Jupyter notebook (nbformat 4), and back. Imported notebooks are
// validated field by field; their code is shown, never run by itself. Nothing from the file is
// rendered as HTML: text/html, image/svg+xml and JavaScript outputs are shown as text (or not at
// all), and knobs are checked against the options schema; what was dropped is listed in `notes`.
import type { OptionProblem } from '../backends/options';
import { validKnobs } from './core/knobs';
import { checkedOutput, safeJson } from './outputs';
import type { CellSpec, Lesson } from './core/lesson';
import type { CellState } from './core/cell';
import type { CentroidsData, Knobs, Output, WeightsData } from './kernel/protocol';
import { t } from '../i18n';
import type { ExportOptions } from '../export/experiment';
import { raceTable } from './raceResults';
import { graphText } from './core/graphLayout';
import { heatmapPointsTable, heatmapTable } from './heatmapShape';
import { confusionFromJson, confusionToJson, predictionsFromJson, predictionsToJson } from './confusionShape';
import { confusionSummary, confusionTable, predictionsText } from './confusionText';

const MIME = 'application/vnd.paralelo.output+json';

interface NbCell {
  cell_type: 'markdown' | 'code' | 'raw';
  id?: string;
  metadata: Record<string, unknown>;
  source: string | string[];
  execution_count?: number | null;
  outputs?: unknown[];
}

export interface Notebook4 {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NbCell[];
}

function b64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function unb64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table as HTML (every cell escaped: it is data, never markup) and as aligned plain text. */
export function tableHtml(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const tr = (cells: readonly (string | number)[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(String(c))}</${tag}>`).join('')}</tr>`;
  return `<table>\n<thead>${tr(columns, 'th')}</thead>\n<tbody>\n${rows.map((r) => tr(r, 'td')).join('\n')}\n</tbody>\n</table>`;
}
export function tableText(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const all = [columns, ...rows].map((r) => r.map(String));
  const width = columns.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  return all.map((r) => r.map((c, j) => c.padEnd(width[j] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** A weights view in JSON: its typed arrays as base64 (the int8 filters by their bytes). */
function weightsToJson(w: WeightsData): unknown {
  return { ...w, filters: b64(new Uint8Array(w.filters.buffer, w.filters.byteOffset, w.filters.byteLength)), digits: w.digits.map((d) => ({ ...d, image: b64(d.image) })) };
}
/** The inverse of weightsToJson; a wrong shape is left for checkedOutput to refuse. */
function weightsFromJson(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const w = v as Record<string, unknown>;
  const bytes = typeof w.filters === 'string' ? unb64(w.filters) : null;
  return {
    ...w, filters: bytes ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : w.filters,
    digits: Array.isArray(w.digits) ? w.digits.map((d) => (d && typeof d === 'object' && typeof (d as Record<string, unknown>).image === 'string' ? { ...d, image: unb64((d as Record<string, string>).image) } : d)) : w.digits,
  };
}
/** The text a notebook viewer without Paralelo shows for a weights view. */
function weightsSummary(w: WeightsData, lang: 'es' | 'en'): string {
  const scale = w.scale.toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { maximumSignificantDigits: 3 });
  const lines = [t(lang, 'weightsTitle', { label: w.label }), t(lang, 'weightsGridLabel', { n: w.hidden, min: `−${scale}`, max: `+${scale}` })];
  for (const d of w.digits) {
    const active = d.activations.filter((a) => a > 0).length;
    lines.push(`${t(lang, 'weightsDigitHeading', { index: d.index, label: d.label, prediction: d.prediction })} · ${t(lang, 'weightsActive', { active, n: w.hidden })}`);
  }
  return lines.join('\n');
}

/** kmeans()'s centroids as text: one line per cluster (its size, most common label and share). */
function centroidsText(c: CentroidsData, lang: 'es' | 'en'): string {
  const pct = (x: number) => x.toLocaleString(lang, { style: 'percent', maximumFractionDigits: 0 });
  return [c.title, ...c.sizes.map((n, j) => t(lang, 'kmeansClusterText', { j: j + 1, n: n.toLocaleString(lang), label: c.majority[j], share: pct(c.share[j]) }))].join('\n');
}

/** A training run's export output as words (Jupyter shows them; the experiment travels in our own MIME type). */
function exportText(o: ExportOptions, lang: 'es' | 'en'): string {
  const n = (x: number) => x.toLocaleString(lang, { maximumSignificantDigits: 21 });
  return t(lang, 'rosetta_export_text', { backend: o.backend, batchSize: n(o.batchSize), learningRate: n(o.learningRate), samples: n(o.samples), seed: o.seed });
}

/** `png`: the chart as the page drew it (a data URL), when it was on screen. A race is exported as its results table. */
function outputToJupyter(o: Output, count: number | null, lang: 'es' | 'en', png?: string): unknown {
  switch (o.kind) {
    case 'text':
      // the cell's last value is its result; everything else it printed is a stream
      return o.id === 'value'
        ? { output_type: 'execute_result', execution_count: count, data: { 'text/plain': o.text }, metadata: {} }
        : { output_type: 'stream', name: 'stdout', text: o.text };
    case 'error': return { output_type: 'error', ename: o.name ?? 'Error', evalue: o.message, traceback: [o.line !== undefined ? `line ${o.line}: ${o.message}` : o.message] };
    default: {
      const race = o.kind === 'race' ? raceTable(o.race, lang) : o.kind === 'confusion' ? confusionTable(o.confusion, lang) : o.kind === 'heatmap' ? heatmapTable(o.heatmap, lang) : null;
      const data: Record<string, unknown> = {
        [MIME]: o.kind === 'draw' ? { ...o, model: o.model ? { ...o.model, params: b64(new Uint8Array(o.model.params.buffer, o.model.params.byteOffset, o.model.params.byteLength)) } : undefined }
          : o.kind === 'digits' ? { ...o, images: b64(o.images), labels: b64(o.labels), predictions: o.predictions ? b64(o.predictions) : undefined }
          : o.kind === 'centroids' ? { ...o, centroids: { ...o.centroids, images: b64(o.centroids.images) } }
          : o.kind === 'weights' ? { ...o, weights: weightsToJson(o.weights) }
          : o.kind === 'confusion' ? { ...o, confusion: confusionToJson(o.confusion) } : o.kind === 'predictions' ? { ...o, predictions: predictionsToJson(o.predictions) } : o,
        'text/plain': o.kind === 'chart' ? o.spec.title : o.kind === 'code' ? o.source : o.kind === 'table' ? tableText(o.columns, o.rows)
          : o.kind === 'progress' ? [o.label, o.detail].filter(Boolean).join(': ') : o.kind === 'draw' ? o.title : o.kind === 'predictions' ? predictionsText(o.predictions, lang)
          : o.kind === 'confusion' && race ? `${confusionSummary(o.confusion, lang)}\n\n${tableText(race.columns, race.rows)}` : race ? tableText(race.columns, race.rows)
            : o.kind === 'weights' ? weightsSummary(o.weights, lang) : o.kind === 'graph' ? graphText(o.graph, lang) : o.kind === 'centroids' ? centroidsText(o.centroids, lang) : o.kind === 'export' ? exportText(o.experiment.options, lang) : o.kind,
      };
      if (o.kind === 'table') data['text/html'] = tableHtml(o.columns, o.rows);
      if (race) data['text/html'] = tableHtml(race.columns, race.rows);
      if (o.kind === 'heatmap' && o.heatmap.points?.length) { // the random trials over the grid: a second table, under its title
        const pts = heatmapPointsTable(o.heatmap, lang);
        data['text/plain'] += `\n\n${o.heatmap.pointsTitle}\n${tableText(pts.columns, pts.rows)}`;
        data['text/html'] += `\n<p>${escapeHtml(o.heatmap.pointsTitle ?? '')}</p>\n${tableHtml(pts.columns, pts.rows)}`;
      }
      if (o.kind === 'chart' && png?.startsWith('data:image/png;base64,')) data['image/png'] = png.slice('data:image/png;base64,'.length);
      return { output_type: 'display_data', data, metadata: {} };
    }
  }
}

/** `images`: PNG data URLs of the charts on screen, by `${cellIndex}/${outputId}` (chartImage.ts). */
export function exportIpynb(lesson: Lesson, cells: readonly CellState[], images: ReadonlyMap<string, string> = new Map()): Notebook4 {
  return {
    nbformat: 4, nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'paralelo-js', display_name: 'JavaScript (Paralelo)', language: 'javascript' },
      language_info: { name: 'javascript' },
      paralelo: { lesson: lesson.slug, lang: lesson.lang, title: lesson.title },
    },
    cells: cells.map((c, i) => c.spec.kind === 'markdown'
      ? { cell_type: 'markdown', id: `cell-${i}`, metadata: {}, source: c.source }
      : { cell_type: 'code', id: `cell-${i}`, metadata: { paralelo: { knobs: c.knobs } }, source: c.source, execution_count: c.executionCount, outputs: c.outputs.map((o) => outputToJupyter(o, c.executionCount, lesson.lang === 'es' ? 'es' : 'en', images.get(`${i}/${o.id}`))) }),
  };
}

export class IpynbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpynbError';
  }
}

/** Something of an imported notebook that was dropped or shown differently; made into text (es/en) when shown. */
export type ImportNote =
  /** `cell` is the code cell's position (1-based, as the page numbers code cells) */
  | { kind: 'knobInvalid'; cell: number; problem: OptionProblem }
  | { kind: 'knobUnknown'; cell: number; key: string }
  | { kind: 'knobsNotObject'; cell: number }
  /** an output of this type is shown as its source text, never rendered */
  | { kind: 'outputAsText'; cell: number; mime: string }
  /** an output of this type was not shown (a text/plain version, if any, is shown instead) */
  | { kind: 'outputHidden'; cell: number; mime: string };

/** Types whose content is text that a page would render (HTML, SVG, script…): shown as text when nothing plainer is there. */
const TEXT_MIMES: Record<string, string> = {
  'text/html': 'html', 'image/svg+xml': 'svg', 'application/javascript': 'javascript', 'text/javascript': 'javascript',
  'text/markdown': 'markdown', 'text/latex': 'latex', 'application/json': 'json',
};

/** A code cell's knobs from the file: each one checked against its option's schema; the others are noted and dropped. */
function checkedKnobs(raw: unknown, cell: number, notes: ImportNote[]): Partial<Knobs> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    notes.push({ kind: 'knobsNotObject', cell });
    return {};
  }
  return validKnobs(raw as Record<string, unknown>, (key, v, spec) => notes.push(spec
    ? { kind: 'knobInvalid', cell, problem: { key, spec, got: (typeof v === 'string' ? JSON.stringify(v) : safeJson(v)).slice(0, 80) } }
    : { kind: 'knobUnknown', cell, key: key.slice(0, 80) }));
}

function outputFromJupyter(o: unknown, where: string, k: number, note: (kind: 'outputAsText' | 'outputHidden', mime: string) => void, lang: 'es' | 'en'): Output | null {
  if (!o || typeof o !== 'object') throw new IpynbError(`${where}: output ${k} is not an object`);
  const r = o as Record<string, unknown>;
  const id = `imported-${k}`;
  const text = (v: unknown) => (Array.isArray(v) ? v.map(plainText).join('') : plainText(v));
  switch (r.output_type) {
    case 'stream': return { id, kind: 'text', text: text(r.text) };
    case 'error': return { id, kind: 'error', name: plainText(r.ename) || 'Error', message: plainText(r.evalue) };
    case 'execute_result':
    case 'display_data': {
      const data = (r.data ?? {}) as Record<string, unknown>;
      const ours = data[MIME] as Record<string, unknown> | undefined;
      if (ours && typeof ours.kind === 'string') {
        if (ours.kind === 'digits') {
          const digits = { id, kind: 'digits', title: ours.title, images: unb64(plainText(ours.images)), labels: unb64(plainText(ours.labels)), predictions: ours.predictions ? unb64(plainText(ours.predictions)) : undefined };
          return checkedOutput(digits, id, lang);
        }
        if (ours.kind === 'draw') {
          const m = ours.model as Record<string, unknown> | undefined;
          const bytes = m && typeof m === 'object' ? unb64(plainText(m.params)) : null;
          const params = bytes && bytes.length % 4 === 0 ? new Float32Array(bytes.buffer.slice(0)) : bytes ? 'not float32' : undefined;
          return checkedOutput({ ...ours, id, model: m && typeof m === 'object' ? { ...m, params } : undefined }, id, lang);
        }
        if (ours.kind === 'centroids') {
          const c = ours.centroids as Record<string, unknown> | undefined;
          return checkedOutput({ id, kind: 'centroids', centroids: c && typeof c === 'object' ? { ...c, images: unb64(plainText(c.images)) } : c }, id, lang);
        }
        if (ours.kind === 'weights') return checkedOutput({ id, kind: 'weights', weights: weightsFromJson(ours.weights) }, id, lang);
        if (ours.kind === 'confusion') return checkedOutput({ ...ours, id, confusion: confusionFromJson(ours.confusion) }, id, lang);
        if (ours.kind === 'predictions') return checkedOutput({ ...ours, id, predictions: predictionsFromJson(ours.predictions) }, id, lang);
        // the app's own kinds are checked like any output: a wrong shape shows as an error output
        if (['chart', 'table', 'code', 'progress', 'text', 'race', 'graph', 'heatmap', 'export'].includes(ours.kind)) return checkedOutput({ ...ours, id }, id, lang);
      }
      // never rendered: the plain text when there is one, else the first text-like type as source text
      const others = Object.keys(data).filter((m) => m !== MIME && m !== 'text/plain');
      if (data['text/plain'] !== undefined) {
        for (const m of others) note('outputHidden', m);
        return { id, kind: 'text', text: text(data['text/plain']) };
      }
      const asText = others.find((m) => m in TEXT_MIMES);
      for (const m of others) note(m === asText ? 'outputAsText' : 'outputHidden', m);
      return asText ? { id, kind: 'code', language: TEXT_MIMES[asText], source: text(data[asText]) } : null;
    }
    default: throw new IpynbError(`${where}: output ${k} has unknown output_type ${JSON.stringify(r.output_type)}`);
  }
}

export interface ImportedNotebook {
  lesson: Lesson;
  /** the file's name, as the user picked it */
  fileName: string;
  /** what was dropped or shown as text, for the notice on the imported lesson */
  notes: ImportNote[];
  knobs: Map<number, Partial<Knobs>>;
  outputs: Map<number, { outputs: Output[]; count: number | null }>;
}

/** Parses and validates a .ipynb file; throws an IpynbError that says what is wrong. */
export function importIpynb(text: string, fileName: string): ImportedNotebook {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new IpynbError(`${fileName} is not valid JSON: ${(e as Error).message}`);
  }
  if (!nb || typeof nb !== 'object') throw new IpynbError(`${fileName}: the top level must be an object`);
  const n = nb as Record<string, unknown>;
  if (n.nbformat !== 4) throw new IpynbError(`${fileName}: only nbformat 4 notebooks are supported (found ${JSON.stringify(n.nbformat)})`);
  if (!Array.isArray(n.cells)) throw new IpynbError(`${fileName}: "cells" must be an array`);
  const cells: CellSpec[] = [];
  const knobs = new Map<number, Partial<Knobs>>();
  const outputs = new Map<number, { outputs: Output[]; count: number | null }>();
  // a refused output is explained in the notebook's own language
  const nbLang = ((n.metadata as Record<string, unknown> | undefined)?.paralelo as { lang?: unknown } | undefined)?.lang === 'es' ? 'es' : 'en';
  const notes: ImportNote[] = [];
  let codeN = 0;
  n.cells.forEach((c: unknown, i: number) => {
    const where = `${fileName}: cell ${i + 1}`;
    if (!c || typeof c !== 'object') throw new IpynbError(`${where} is not an object`);
    const cell = c as Record<string, unknown>;
    if (cell.cell_type !== 'markdown' && cell.cell_type !== 'code' && cell.cell_type !== 'raw') throw new IpynbError(`${where} has unknown cell_type ${JSON.stringify(cell.cell_type)}`);
    const src = cell.source;
    if (typeof src !== 'string' && !(Array.isArray(src) && src.every((s) => typeof s === 'string'))) throw new IpynbError(`${where}: "source" must be a string or a list of strings`);
    const source = Array.isArray(src) ? src.join('') : src;
    if (cell.cell_type === 'code') {
      const index = cells.length;
      const position = ++codeN;
      cells.push({ index, kind: 'code', source, options: {} });
      const metadata = cell.metadata && typeof cell.metadata === 'object' ? cell.metadata as Record<string, unknown> : undefined;
      const meta = metadata?.paralelo && typeof metadata.paralelo === 'object' ? metadata.paralelo as Record<string, unknown> : undefined;
      const valid = checkedKnobs(meta?.knobs, position, notes);
      if (Object.keys(valid).length) knobs.set(index, valid);
      if (cell.outputs !== undefined && !Array.isArray(cell.outputs)) throw new IpynbError(`${where}: "outputs" must be an array`);
      const note = (kind: 'outputAsText' | 'outputHidden', mime: string) => notes.push({ kind, cell: position, mime: mime.slice(0, 80) });
      const outs = ((cell.outputs as unknown[]) ?? []).map((o, k) => outputFromJupyter(o, where, k, note, nbLang)).filter((o): o is Output => o !== null);
      outputs.set(index, { outputs: outs, count: typeof cell.execution_count === 'number' ? cell.execution_count : null });
    } else {
      cells.push({ index: cells.length, kind: 'markdown', source: cell.cell_type === 'raw' ? '```\n' + source + '\n```' : source, options: {} });
    }
  });
  const meta = (n.metadata as Record<string, unknown> | undefined)?.paralelo as { title?: unknown; lang?: unknown } | undefined;
  // the file's own words are only taken when they are plain strings
  const title = typeof meta?.title === 'string' && meta.title.trim() ? meta.title : fileName.replace(/\.ipynb$/i, '');
  const lang = meta?.lang === 'es' ? 'es' : 'en';
  return { lesson: { key: 'imported', slug: `imported`, lang, title, cells, goals: [] }, fileName, notes, knobs, outputs };
}

/** A value from the file as text: strings, numbers and booleans as they are; anything else is empty. */
function plainText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
