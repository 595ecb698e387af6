// Messages between the page and the kernel (a Web Worker that runs cell code), and the display
// outputs cell code produces. Outputs are plain data: React renders them; cell code never sees the DOM.

export type { Lang } from '../../i18n';
import type { ExportExperiment } from '../../export/experiment';
import type { BackendMessage } from '../../backends/messages';
import type { KnobValues } from '../../backends/options';
import type { BackendName } from '../../backends/types';
import type { Lang } from '../../i18n';
import type { TRAIN_OPTIONS } from '../../train/config';
import type { TrainUse } from '../core/trainUse';
import type { TrainedModel } from '../../models/model';
import type { PredictionFilter, PredictionSort } from '../core/confusion';

export interface ChartSpec {
  type: 'line' | 'bar' | 'stackedBar' | 'taskStream';
  title: string;
  data: Record<string, number | string>[];
  x: string;
  y: string[];
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
  /** dashed series (e.g. the ideal speedup line) */
  dashed?: string[];
  note?: string;
  /** the unit of the values (of x for a task stream): 'ms', '×', 'samples / s'; shown in tooltips and the summary */
  unit?: string;
  /** labelled vertical lines at these x positions (e.g. where each epoch starts on a loss chart) */
  markers?: { x: number; label: string }[];
  /** error bars: series `y` of a bar or line chart spans from the row's `low` to its `high` value (e.g. min–max of the timed epochs) */
  errorBars?: { y: string; low: string; high: string }[];
  /** more columns of `data` shown in the chart's data table (e.g. the error bars' min and max, efficiency) */
  columns?: string[];
}

/** One recorded moment of a race lane: ms since the lane started training, the step (batch) reached, its loss. */
export interface RacePoint { t: number; step: number; loss: number }

export type RaceLaneStatus = 'waiting' | 'running' | 'done' | 'failed' | 'stopped';

/** One lane of a race (show.race): plain data, updated by id while the race runs. */
export interface RaceLane {
  label: string;
  backend: BackendName;
  /** what ran, in words (empty until the lane has started) */
  variant: string;
  status: RaceLaneStatus;
  /** images to train (samples × epochs) and images trained so far */
  total: number;
  done: number;
  /** ms since the lane started training, when this update was sent (its total time once done) */
  elapsedMs: number;
  /** bounded: at most MAX_LANE_POINTS, downsampled like a chart's rows */
  points: RacePoint[];
  /** once done: the median epoch time, the time of the whole run (evaluation not included), test accuracy (0–1) */
  msPerEpoch?: number;
  totalMs?: number;
  accuracy?: number;
  /** once done: the largest |loss − js's loss| at the same step, when a js lane finished */
  maxDelta?: number;
  /** failed: why, in the student's language */
  reason?: string;
}

export interface RaceData {
  /** true: the lanes ran at the same time and shared the cores; false: one at a time */
  concurrent: boolean;
  /** the machine's logical cores (navigator.hardwareConcurrency) */
  cores: number;
  samples: number;
  epochs: number;
  batchSize: number;
  /** the race is over (every lane done, failed or stopped) */
  finished: boolean;
  lanes: RaceLane[];
}

/** One test digit seen through the network (show.weights): its hidden activations and, per class, its logit and the units that push it most. */
export interface WeightsDigit {
  /** its index in the test set */
  index: number;
  label: number;
  /** the class with the largest logit */
  prediction: number;
  /** 784 grey levels */
  image: Uint8Array;
  /** the H ReLU outputs */
  activations: number[];
  /** 10 entries, class 0 to 9: the logit and the top units by contribution = activation × W2[class][unit] */
  classes: { logit: number; top: { unit: number; contribution: number }[] }[];
}

/** show.weights: the first layer's H weight vectors, int8 with one symmetric scale (w ≈ q / 127 × scale), and a few test digits. */
export interface WeightsData {
  label: string;
  hidden: number;
  /** max |w| over all of W1: the colour map runs from −scale to +scale */
  scale: number;
  /** H × 784 */
  filters: Int8Array;
  digits: WeightsDigit[];
}

/** show.confusion: the test set's labels and the run's predictions (the page finds a cell's images in its own copy of the test set) and their 10×10 counts. */
export interface ConfusionData {
  /** the run's label */
  title: string;
  /** row-major: counts[label * 10 + predicted]; the kernel counts them, the page checks they match labels and predictions */
  counts: number[];
  labels: Uint8Array;
  predictions: Uint8Array;
}

/** show.predictions: the test images that passed the filter, in the chosen order; the page draws them from its own copy of the test set. */
export interface PredictionsData {
  title: string;
  filter: PredictionFilter;
  sort: PredictionSort;
  /** images in the test set the run was evaluated on */
  total: number;
  /** per listed image: its test index, true label, prediction */
  indices: Uint16Array;
  labels: Uint8Array;
  predicted: Uint8Array;
  /** per listed image, 3 each: the three most probable classes and their probability × 65535 (empty when the run had no probabilities) */
  top: Uint8Array;
  topP: Uint16Array;
  /** the first position shown, and how many a page shows */
  start: number;
  pageSize: number;
}

/** One task of a graph (show.graph): its name and, once computed, the worker that ran it and how long it took (ms, on the kernel's clock). */
export interface GraphNode {
  name: string;
  worker?: number;
  ms?: number;
  /** persisted: its result is kept on `worker` */
  persisted?: boolean;
}

/** show.graph: a task graph (delayed nodes); edges [from, to] index `nodes` (from is an input of to). */
export interface GraphData {
  title: string;
  nodes: GraphNode[];
  edges: [number, number][];
  /** tasks left out (a graph is drawn with at most MAX_GRAPH_NODES) */
  omitted: number;
}

/** kmeans(): the k centroids as 28×28 images, and per cluster its size, most common label and that label's share (0–1). */
export interface CentroidsData {
  title: string;
  /** k × 784 grey levels */
  images: Uint8Array;
  sizes: number[];
  majority: number[];
  share: number[];
}

/** search's two-parameter grid (issue 15 §2): a value per cell, rows = yValues, columns = xValues; the best cell marked. */
export interface HeatmapData {
  title: string;
  xLabel: string;
  yLabel: string;
  xValues: string[];
  yValues: string[];
  /** row-major, yValues.length × xValues.length: fractions 0–1 (validation accuracy), null where nothing ran */
  values: (number | null)[];
  /** the index in `values` of the best cell, −1 for none */
  best: number;
  /** optional (search with grid and random on the same two axes): the random trials drawn over the grid */
  points?: HeatmapPoint[];
  /** what the points are, in words (required with points) */
  pointsTitle?: string;
}

/**
 * A random trial on the heatmap: `x`, `y` in cell units (column and row index; −0.5 … n − 0.5), placed
 * between the grid values it falls between; `xText`, `yText` its values as text; `value` its accuracy 0–1;
 * `outside`: beyond the grid's range on some axis (drawn at the edge).
 */
export interface HeatmapPoint { x: number; y: number; xText: string; yText: string; value: number; outside?: boolean }

export type Output =
  | { id: string; kind: 'text'; text: string; folded?: number } // folded: how many outputs past the cell's limit this one holds, one per line
  | { id: string; kind: 'error'; message: string; line?: number; name?: string; retry?: boolean } // retry: running the cell again may succeed (a bad download)
  | { id: string; kind: 'table'; columns: string[]; rows: (string | number)[][] }
  | { id: string; kind: 'chart'; spec: ChartSpec }
  | { id: string; kind: 'digits'; title?: string; images: Uint8Array; labels: Uint8Array; predictions?: Uint8Array }
  | { id: string; kind: 'progress'; label: string; value: number; max: number; detail?: string } // max 0: unknown (indeterminate); detail: where it stands, in words ("batch 120 of 469 · 5,230 samples/s · ~4 s left")
  | { id: string; kind: 'code'; source: string; language: string }
  | { id: string; kind: 'race'; race: RaceData }
  // show.draw: the drawing pad with `model` (a run's), or with the page's latest model (`latest`); neither: saved without its model
  | { id: string; kind: 'draw'; title: string; latest?: boolean; model?: TrainedModel }
  | { id: string; kind: 'weights'; weights: WeightsData }
  | { id: string; kind: 'confusion'; confusion: ConfusionData }
  | { id: string; kind: 'predictions'; predictions: PredictionsData }
  | { id: string; kind: 'graph'; graph: GraphData }
  | { id: string; kind: 'centroids'; centroids: CentroidsData }
  | { id: string; kind: 'heatmap'; heatmap: HeatmapData }
  // under a train() run: the Export button (issue 17), with what the run really ran with and measured
  | { id: string; kind: 'export'; experiment: ExportExperiment };

/** The cell-level knobs cell code reads through `knobs`: every option declared as a toolbar knob. */
export type Knobs = KnobValues<typeof TRAIN_OPTIONS>;

/** Whether each backend can run where the kernel runs: true, or why it cannot. */
export type BackendSupport = Record<BackendName, true | BackendMessage>;

/** The page's first message, on the worker's own channel: the private port every other message
 * travels on (cell code can reach the worker's global postMessage, never this port), and the name
 * of the Web Lock the kernel holds while it lives (the page waits on it to learn that it died). */
export interface KernelInit { type: 'init'; port: MessagePort; lock: string }

/** On the private port. */
export type ToKernel =
  | { type: 'run'; runId: number; code: string; knobs: Knobs; lang: Lang }
  | { type: 'stop' }
  | ModelReply
  // the Digits page: n drawn images (n×784 bytes) through `model` on each backend; `key` names the model (re-init only when it changes)
  | { type: 'predict'; reqId: number; key: string; model: TrainedModel; images: Uint8Array; backends: BackendName[] };

/** One backend's answer to a predict request: the n×10 probabilities and the time evaluate() took, or why it failed. */
export interface PredictResult { backend: BackendName; probabilities?: Float32Array; ms: number; error?: string }

/** What cell code asks of the page (the kernel cannot open IndexedDB): the models store (issue 14). */
export type ModelRequest =
  | { op: 'save'; name: string; model: TrainedModel; overwrite: boolean }
  | { op: 'list' }
  | { op: 'load'; name: string }
  | { op: 'remove'; name: string };

/** The page's answer to a request: its value, or why not in the cell's language. */
export type ModelReply = { type: 'reply'; reqId: number; ok: true; value: unknown } | { type: 'reply'; reqId: number; ok: false; error: string };

/** On the private port. */
export type FromKernel =
  | { type: 'ready'; support: BackendSupport } // sent once the kernel has checked every backend
  | { type: 'alive' } // the kernel holds its lock: from now on, the lock being free means it died
  | { type: 'request'; runId: number; reqId: number; request: ModelRequest } // the running cell asks the page (models.*); answered by a 'reply'
  | { type: 'model'; runId: number; model: TrainedModel } // a train() of the running cell finished: its trained model
  | { type: 'outputs'; runId: number; outputs: Output[] } // in order: each adds, or replaces the output with the same id
  | { type: 'predicted'; reqId: number; results: PredictResult[] } // the answer to a predict request (sent even while a cell runs)
  | { type: 'done'; runId: number; status: 'ok' | 'error' | 'stopped'; trained?: TrainUse[] }; // trained: what each train() call ran with
