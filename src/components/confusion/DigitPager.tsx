// Test digits, a page at a time (show.predictions, a confusion cell's digits): each says what was
// predicted and whether it is right in words; its top 3 shows on hover and on keyboard focus.
// The images come from the page's copy of the test set: the list itself is indices and numbers.
import { useState } from 'react';
import { useLang, useT } from '../../i18n/react';
import { pageOf } from '../../notebook/core/confusion';
import { formatInt, formatShare, predictionLabel, top3Line } from '../../notebook/confusionText';
import { Digit } from '../digits/DigitGrid';
import { useTestSet } from './useTestSet';

export interface PagerItems {
  count: number;
  index(k: number): number;
  label(k: number): number;
  predicted(k: number): number;
  /** the three most probable classes of item k, most probable first (empty when unknown) */
  top(k: number): { cls: number; p: number }[];
}

interface Props {
  caption: string;
  items: PagerItems;
  pageSize: number;
  start?: number;
  testId?: string;
}

export function DigitPager({ caption, items, pageSize, start = 0, testId = 'prediction-gallery' }: Props) {
  const t = useT();
  const lang = useLang();
  const test = useTestSet();
  const [first, setFirst] = useState(start);
  const { start: from, end } = pageOf(items.count, first, pageSize);
  const shown = Array.from({ length: end - from }, (_, j) => from + j);
  const wrong = shown.filter((k) => items.label(k) !== items.predicted(k)).length;
  const range = t('pred_range', { from: formatInt(items.count ? from + 1 : 0, lang), to: formatInt(end, lang), total: formatInt(items.count, lang) });
  return (
    <figure className="digit-pager" data-testid={testId} data-total={items.count} data-start={from}>
      <figcaption>{caption} — {t('pred_pageWrong', { wrong, n: shown.length })}</figcaption>
      {test.status === 'loading' && <p className="digit-pager-note" role="status">{t('testSet_loading')}</p>}
      {test.status === 'failed' && <p className="digit-pager-note out-error" role="alert">{t('testSet_failed', { reason: test.reason })}</p>}
      {items.count === 0 ? <p className="digit-pager-note">{t('pred_none')}</p> : (
        <ul aria-label={t('pred_digitsLabel')}>
          {shown.map((k) => {
            const index = items.index(k), label = items.label(k), predicted = items.predicted(k);
            const bad = label !== predicted;
            const what = predictionLabel(label, predicted, lang);
            const top = items.top(k);
            const name = [what, top3Line(top, lang), t('pred_index', { index })].filter(Boolean).join(' · ');
            return (
              <li key={k} className={bad ? 'wrong' : 'right'} data-wrong={bad || undefined} data-index={index} data-label={label} data-predicted={predicted}
                tabIndex={0} aria-label={name}>
                {test.status === 'ready' ? <Digit pixels={test.set.images.subarray(index * 784, (index + 1) * 784)} /> : <span className="digit-canvas digit-blank" aria-hidden="true" />}
                <span className="digit-pager-label" aria-hidden="true">{what.split(' · ').map((part, j) => <span key={j}>{part}</span>)}</span>
                {top.length > 0 && (
                  <span className="digit-pager-tip" aria-hidden="true" data-testid="top3">
                    <b>Top 3</b>
                    {top.map((x) => <span key={x.cls}>{x.cls}: {formatShare(x.p, lang)}</span>)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.count > pageSize && (
        <nav className="digit-pager-nav" aria-label={caption}>
          <button type="button" data-testid="pager-prev" disabled={from === 0} onClick={() => setFirst(Math.max(0, from - pageSize))}>← {t('pred_prev')}</button>
          <span data-testid="pager-range" aria-live="polite">{range}</span>
          <button type="button" data-testid="pager-next" disabled={end >= items.count} onClick={() => setFirst(end)}>{t('pred_next')} →</button>
        </nav>
      )}
      {items.count > 0 && items.count <= pageSize && <p className="digit-pager-note" data-testid="pager-range">{range}</p>}
    </figure>
  );
}
