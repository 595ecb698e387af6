// The confusion matrix and the prediction list as words and tables, in the student's language: the
// page's table view and the .ipynb export (HTML and plain text) use the same numbers.
import { t, type Lang } from '../i18n';
import { accuracyOf, classStats, CLASSES, confusedPairs } from './core/confusion';
import type { ConfusionData, PredictionsData } from './kernel/protocol';

const locale = (lang: Lang) => (lang === 'es' ? 'es-ES' : 'en-US');
export const formatInt = (n: number, lang: Lang) => n.toLocaleString(locale(lang), { useGrouping: true });
/** A share (0–1) as a percentage with one decimal ("97,3 %" / "97.3%"); an undefined one as "—". */
export const formatShare = (v: number | null, lang: Lang) => v === null ? '—'
  : v.toLocaleString(locale(lang), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A share (0–1) as a percentage number without its sign, for a column headed "%" ("97,3"); "—" when undefined. */
export const formatPercent = (v: number | null, lang: Lang) => v === null ? '—'
  : (v * 100).toLocaleString(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The matrix as a table: a row per true digit (its counts and recall), then a row of precisions. */
export function confusionTable(c: ConfusionData, lang: Lang): { columns: string[]; rows: string[][] } {
  const stats = classStats(c.counts);
  const digits = Array.from({ length: CLASSES }, (_, k) => String(k));
  const columns = [`${t(lang, 'confusion_rows')} \\ ${t(lang, 'confusion_cols')}`, ...digits, t(lang, 'confusion_recall')];
  const rows = digits.map((d, r) => [d, ...digits.map((_, col) => formatInt(c.counts[r * CLASSES + col], lang)), formatShare(stats[r].recall, lang)]);
  rows.push([t(lang, 'confusion_precision'), ...stats.map((s) => formatShare(s.precision, lang)), '']);
  return { columns, rows };
}

/** One sentence: how many digits, the accuracy, the most confused pairs. */
export function confusionSummary(c: ConfusionData, lang: Lang): string {
  const total = c.labels.length;
  const pairs = confusedPairs(c.counts, 3).map((p) => t(lang, 'confusion_pair', { label: p.label, predicted: p.predicted, count: formatInt(p.count, lang) }));
  return t(lang, 'confusion_summary', { total: formatInt(total, lang), acc: formatShare(accuracyOf(c.counts), lang), pairs: pairs.length ? pairs.join('; ') : '—' });
}

/** The filter and the order, in words ("only the mistakes, most confident first"). */
export function predictionsTitle(p: PredictionsData, lang: Lang): string {
  const f = p.filter;
  const filter = f === 'all' || f === 'mistakes' ? t(lang, `pred_filter_${f}`)
    : [f.label !== undefined ? t(lang, 'pred_filter_label', { label: f.label }) : '', f.predicted !== undefined ? t(lang, 'pred_filter_predicted', { predicted: f.predicted }) : ''].filter(Boolean).join(', ') || t(lang, 'pred_filter_all');
  return t(lang, 'pred_title', { run: p.title, filter, sort: t(lang, `pred_sort_${p.sort}`) });
}

/** What one listed image is: "predicted 6 · true 5" or "predicted 6 · correct". */
export function predictionLabel(label: number, predicted: number, lang: Lang): string {
  return label === predicted ? t(lang, 'pred_correct', { predicted }) : t(lang, 'pred_wrong', { predicted, label });
}

/** The top 3 of listed image k (class and probability, most probable first); empty when the output has none. */
export function top3Of(p: PredictionsData, k: number): { cls: number; p: number }[] {
  if (p.top.length === 0) return [];
  return [0, 1, 2].map((j) => ({ cls: p.top[3 * k + j], p: p.topP[3 * k + j] / 65535 }));
}

/** "Top 3: 6: 81,2 %, 5: 12,0 %, 8: 3,1 %"; empty for an empty list. */
export function top3Line(top: readonly { cls: number; p: number }[], lang: Lang): string {
  return top.length ? t(lang, 'pred_top3', { list: top.map((x) => `${x.cls}: ${formatShare(x.p, lang)}`).join(', ') }) : '';
}

/** The listed images as lines of text (the export's plain text): the first `max` of them. */
export function predictionsText(p: PredictionsData, lang: Lang, max = 100): string {
  const n = p.indices.length;
  const lines = [predictionsTitle(p, lang), t(lang, 'pred_range', { from: formatInt(n ? 1 : 0, lang), to: formatInt(Math.min(n, max), lang), total: formatInt(n, lang) })];
  for (let k = 0; k < Math.min(n, max); k++) {
    const top = top3Line(top3Of(p, k), lang);
    lines.push(`#${p.indices[k]}: ${predictionLabel(p.labels[k], p.predicted[k], lang)}${top ? ` · ${top}` : ''}`);
  }
  return lines.join('\n');
}
