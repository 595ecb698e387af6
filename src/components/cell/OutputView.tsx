import { Suspense } from 'react';
import { assertNever } from '../../backends/types';
import { useLang, useT } from '../../i18n/react';
import type { Output } from '../../notebook/kernel/protocol';
import { DigitGrid } from '../digits/DigitGrid';
import { lazyView } from '../lazyView';
import { ExportButton } from '../export/ExportButton';
import { ProgressView } from './ProgressView';
import { TextOutput } from './TextOutput';

/** Text that reads as a number ("0.58", "84.51%", "1.78×") is aligned like one. */
const NUMERIC = /^[-+]?[\d.,]+(e[-+]?\d+)?\s*(%|×|ms)?$/i;
const isNumeric = (v: string | number): boolean => typeof v === 'number' || NUMERIC.test(v);

/** A number in a table, in the notebook's language: 4 significant digits, grouping always on ("5.230" in Spanish, as the kernel's own outputs write it). */
function tableNumber(v: number, lang: string): string {
  return v.toLocaleString(lang === 'es' ? 'es-ES' : 'en-US', { maximumSignificantDigits: Number.isInteger(v) ? 21 : 4, useGrouping: 'always' });
}

// Each view is memoised (lazyView): an output that did not change is not drawn again when another
// one of the cell's outputs does (a chart redrawn at every update of the progress bar beside it kept
// the page's thread busy on the cores the run was timed on).
const ChartView = lazyView(() => import('../charts/ChartView').then((m) => m.ChartView));
const DrawOutput = lazyView(() => import('../digits/DrawOutput').then((m) => m.DrawOutput));
const WeightsView = lazyView(() => import('../weights/WeightsView').then((m) => m.WeightsView));
const ConfusionView = lazyView(() => import('../confusion/ConfusionView').then((m) => m.ConfusionView));
const PredictionsView = lazyView(() => import('../confusion/PredictionsView').then((m) => m.PredictionsView));
const GraphView = lazyView(() => import('../tasks/GraphView').then((m) => m.GraphView));
const HeatmapView = lazyView(() => import('../search/HeatmapView').then((m) => m.HeatmapView));
const RaceView = lazyView(() => import('../race/RaceView').then((m) => m.RaceView));
const RosettaPanel = lazyView(() => import('../rosetta/RosettaPanel').then((m) => m.RosettaPanel));
const CentroidsView = lazyView(() => import('../kmeans/CentroidsView').then((m) => m.CentroidsView));

/** `onRetry` runs the cell again: offered by an error that says a second try may work (a bad download). */
export function OutputView({ output, onRetry }: { output: Output; onRetry?: () => void }) {
  const t = useT();
  const lang = useLang();
  switch (output.kind) {
    case 'text':
      return <TextOutput text={output.text} folded={output.folded} />;
    case 'error':
      return (
        <div className="out-error" role="alert" data-testid="out-error" data-line={output.line}>
          {output.line !== undefined
            ? t('errorAtLine', { name: output.name ?? t('error'), line: output.line, message: output.message })
            : `${output.name ?? t('error')}: ${output.message}`}
          {output.retry && onRetry && <>{' '}<button type="button" data-testid="retry" onClick={onRetry}>{t('downloadAgain')}</button></>}
        </div>
      );
    case 'table':
      return (
        <table className="out-table data-table" data-testid="out-table">
          {/* a column's header is aligned like its cells: left over a column of text, right over numbers */}
          <thead><tr>{output.columns.map((c, j) => <th key={c} scope="col" className={output.rows.length && output.rows.every((r) => !isNumeric(r[j])) ? 'text' : 'num'}>{c}</th>)}</tr></thead>
          <tbody>{output.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j} className={isNumeric(v) ? 'num' : 'text'}>{typeof v === 'number' ? tableNumber(v, lang) : v}</td>)}</tr>)}</tbody>
        </table>
      );
    case 'chart':
      // data-output-id: the export finds the chart on screen to add its picture (chartImage.ts)
      return <div className="out-chart" data-output-id={output.id}><Suspense fallback={<div className="chart-loading" />}><ChartView spec={output.spec} /></Suspense></div>;
    case 'digits':
      return <DigitGrid title={output.title} images={output.images} labels={output.labels} predictions={output.predictions} />;
    case 'progress':
      return <ProgressView label={output.label} value={output.value} max={output.max} detail={output.detail} />;
    case 'code':
      return <pre className={`out-code language-${output.language}`}><code>{output.source}</code></pre>;
    case 'race':
      return <Suspense fallback={<div className="chart-loading" />}><RaceView race={output.race} /></Suspense>;
    case 'draw':
      return <Suspense fallback={<div className="chart-loading" />}><DrawOutput output={output} /></Suspense>;
    case 'weights':
      return <Suspense fallback={<div className="chart-loading" />}><WeightsView weights={output.weights} /></Suspense>;
    case 'confusion':
      return <Suspense fallback={<div className="chart-loading" />}><ConfusionView data={output.confusion} /></Suspense>;
    case 'centroids':
      return <Suspense fallback={<div className="chart-loading" />}><CentroidsView data={output.centroids} /></Suspense>;
    case 'predictions':
      return <Suspense fallback={<div className="chart-loading" />}><PredictionsView data={output.predictions} /></Suspense>;
    case 'graph':
      return <Suspense fallback={<div className="chart-loading" />}><GraphView graph={output.graph} /></Suspense>;
    case 'heatmap':
      return <Suspense fallback={<div className="chart-loading" />}><HeatmapView data={output.heatmap} /></Suspense>;
    case 'export':
      // the run as files (Export) and, beside it, the same loop as code in other worlds (Rosetta)
      return <><ExportButton experiment={output.experiment} /><Suspense fallback={null}><RosettaPanel options={output.experiment.options} /></Suspense></>;
    default:
      return assertNever(output);
  }
}
