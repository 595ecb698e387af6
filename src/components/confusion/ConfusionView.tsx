// show.confusion: the 10×10 matrix (rows: true digit, columns: prediction) with counts in every cell,
// colour by the share of the row, the diagonal outlined and bold, recall per row and precision per
// column, the accuracy and the most confused pairs; a plain table view with the same numbers; a
// cell (click, or Enter with the arrow keys) lists its digits below, paged.
import { useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useLang, useT } from '../../i18n/react';
import { accuracyOf, cellIndices, classStats, CLASSES, confusedPairs } from '../../notebook/core/confusion';
import { confusionSummary, confusionTable, formatInt, formatPercent, formatShare } from '../../notebook/confusionText';
import type { ConfusionData } from '../../notebook/kernel/protocol';
import { DigitPager, type PagerItems } from './DigitPager';
import './confusion.css';

const DIGITS = Array.from({ length: CLASSES }, (_, k) => k);
const CELL_PAGE = 32;

export function ConfusionView({ data }: { data: ConfusionData }) {
  const t = useT();
  const lang = useLang();
  const [view, setView] = useState<'grid' | 'table'>('grid');
  const [picked, setPicked] = useState<{ r: number; c: number } | null>(null);
  const [focus, setFocus] = useState({ r: 0, c: 0 });
  const grid = useRef<HTMLTableElement>(null);
  const summaryId = useId();
  const { counts } = data;
  const stats = useMemo(() => classStats(counts), [counts]);
  const acc = accuracyOf(counts);
  const hit = DIGITS.reduce((s, k) => s + counts[k * CLASSES + k], 0);
  const pairs = confusedPairs(counts, 5);
  const table = useMemo(() => confusionTable(data, lang), [data, lang]);
  const items = useMemo<PagerItems | null>(() => {
    if (!picked) return null;
    const idx = cellIndices(data.labels, data.predictions, picked.r, picked.c);
    return { count: idx.length, index: (k) => idx[k], label: () => picked.r, predicted: () => picked.c, top: () => [] };
  }, [picked, data]);

  const move = (e: KeyboardEvent, r: number, c: number) => {
    const to = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1], Home: [r, 0], End: [r, CLASSES - 1] }[e.key];
    if (!to) return;
    e.preventDefault();
    const [nr, nc] = [Math.max(0, Math.min(CLASSES - 1, to[0])), Math.max(0, Math.min(CLASSES - 1, to[1]))];
    setFocus({ r: nr, c: nc });
    grid.current?.querySelector<HTMLButtonElement>(`button[data-row="${nr}"][data-col="${nc}"]`)?.focus();
  };

  return (
    <section className="confusion-view" data-testid="confusion" aria-label={t('confusion_title', { run: data.title })}>
      <h3 className="confusion-title">{t('confusion_title', { run: data.title })}</h3>
      {/* the matrix in one sentence, for screen readers (a caption would widen the table: hidden text does not wrap) */}
      <p className="visually-hidden" id={summaryId}>{confusionSummary(data, lang)}</p>
      <p className="confusion-acc" data-testid="confusion-accuracy">{t('confusion_accuracy', { acc: formatShare(acc, lang), hit: formatInt(hit, lang), total: formatInt(data.labels.length, lang) })}</p>
      <div className="confusion-toggle" role="group" aria-label={t('confusion_view')}>
        <button type="button" aria-pressed={view === 'grid'} data-testid="confusion-grid-view" onClick={() => setView('grid')}>{t('confusion_viewGrid')}</button>
        <button type="button" aria-pressed={view === 'table'} data-testid="confusion-table-view" onClick={() => setView('table')}>{t('confusion_viewTable')}</button>
      </div>
      {view === 'grid' ? (
        <>
          <p className="confusion-hint">{t('confusion_hint')}</p>
          <div className="confusion-scroll">
            <table className="confusion-grid" ref={grid} data-testid="confusion-grid" aria-describedby={summaryId}>
              <thead>
                <tr><td className="confusion-corner" /><th colSpan={CLASSES} scope="colgroup" className="confusion-axis">{t('confusion_cols')} →</th><td /></tr>
                <tr>
                  <th scope="col" className="confusion-axis confusion-axis-rows">{t('confusion_rows')} ↓</th>
                  {DIGITS.map((c) => <th key={c} scope="col">{c}</th>)}
                  <th scope="col" className="confusion-stat">{t('confusion_recall')} %</th>
                </tr>
              </thead>
              <tbody>
                {DIGITS.map((r) => {
                  const row = stats[r].actual;
                  return (
                    <tr key={r}>
                      <th scope="row">{r}</th>
                      {DIGITS.map((c) => {
                        const n = counts[r * CLASSES + c];
                        const share = row ? n / row : 0;
                        // colour on a square-root scale, so a 2% share is still seen; the count and its share are written
                        const label = t('confusion_cell', { label: r, predicted: c, count: formatInt(n, lang), share: formatShare(row ? share : null, lang) });
                        const isPicked = picked?.r === r && picked.c === c;
                        return (
                          <td key={c} className={`confusion-cell${r === c ? ' diag' : ''}${n === 0 ? ' zero' : ''}`} style={{ '--share': Math.sqrt(share).toFixed(3) } as CSSProperties}>
                            <button type="button" data-row={r} data-col={c} data-count={n} data-testid="confusion-cell" aria-label={label} title={label}
                              aria-pressed={isPicked} tabIndex={focus.r === r && focus.c === c ? 0 : -1}
                              onFocus={() => setFocus({ r, c })} onKeyDown={(e) => move(e, r, c)}
                              onClick={() => setPicked(isPicked ? null : { r, c })}>{formatInt(n, lang)}</button>
                          </td>
                        );
                      })}
                      <td className="confusion-stat" data-testid="confusion-recall">{formatPercent(stats[r].recall, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" className="confusion-stat">{t('confusion_precision')} %</th>
                  {DIGITS.map((c) => <td key={c} className="confusion-stat" data-testid="confusion-precision">{formatPercent(stats[c].precision, lang)}</td>)}
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : (
        <div className="confusion-scroll">
          <table className="confusion-table" data-testid="confusion-table" aria-describedby={summaryId}>
            <thead><tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{table.rows.map((row, i) => <tr key={i}>{row.map((v, j) => j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j} className="num">{v}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
      <div className="confusion-pairs">
        <h4>{t('confusion_pairsTitle')}</h4>
        {pairs.length ? (
          <ol data-testid="confusion-pairs">
            {pairs.map((p) => (
              <li key={`${p.label}-${p.predicted}`}>
                <button type="button" className="link-button" onClick={() => setPicked({ r: p.label, c: p.predicted })}>
                  {t('confusion_pair', { label: p.label, predicted: p.predicted, count: formatInt(p.count, lang) })}
                </button>
              </li>
            ))}
          </ol>
        ) : <p>{t('confusion_noPairs')}</p>}
      </div>
      {picked && items && (
        <div className="confusion-digits" data-testid="confusion-digits">
          <button type="button" className="confusion-close" onClick={() => setPicked(null)}>{t('confusion_close')}</button>
          <DigitPager key={`${picked.r}-${picked.c}`} testId="confusion-gallery" items={items} pageSize={CELL_PAGE}
            caption={t('confusion_cellDigits', { label: picked.r, predicted: picked.c, count: formatInt(items.count, lang) })} />
        </div>
      )}
    </section>
  );
}
