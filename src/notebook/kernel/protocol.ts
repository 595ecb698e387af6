// Messages between the page and the kernel (a Web Worker that runs cell code), and the display
// outputs cell code produces. Outputs are plain data: React renders them; cell code never sees the DOM.

export type { Lang } from '../../i18n';
import type { BackendMessage } from '../../backends/messages';
import type { KnobValues } from '../../backends/options';
import type { BackendName } from '../../backends/types';
import type { Lang } from '../../i18n';
import type { TRAIN_OPTIONS } from '../../train/config';

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
}

export type Output =
  | { id: string; kind: 'text'; text: string }
  | { id: string; kind: 'error'; message: string; line?: number; name?: string }
  | { id: string; kind: 'table'; columns: string[]; rows: (string | number)[][] }
  | { id: string; kind: 'chart'; spec: ChartSpec }
  | { id: string; kind: 'digits'; title?: string; images: Uint8Array; labels: Uint8Array; predictions?: Uint8Array }
  | { id: string; kind: 'progress'; label: string; value: number; max: number } // max 0: unknown (indeterminate)
  | { id: string; kind: 'code'; source: string; language: string };

/** The cell-level knobs cell code reads through `knobs`: every option declared as a toolbar knob. */
export type Knobs = KnobValues<typeof TRAIN_OPTIONS>;

/** Whether each backend can run where the kernel runs: true, or why it cannot. */
export type BackendSupport = Record<BackendName, true | BackendMessage>;

export type ToKernel =
  | { type: 'run'; runId: number; code: string; knobs: Knobs; lang: Lang }
  | { type: 'stop' };

export type FromKernel =
  | { type: 'ready'; support: BackendSupport } // sent once the kernel has checked every backend
  | { type: 'output'; runId: number; output: Output } // add, or replace the output with the same id
  | { type: 'done'; runId: number; status: 'ok' | 'error' | 'stopped' };
