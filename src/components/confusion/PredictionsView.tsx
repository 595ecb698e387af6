import { useMemo } from 'react';
import { useLang } from '../../i18n/react';
import { predictionsTitle, top3Of } from '../../notebook/confusionText';
import type { PredictionsData } from '../../notebook/kernel/protocol';
import { DigitPager, type PagerItems } from './DigitPager';
import './confusion.css';

/** show.predictions: the listed test digits, paged from the output's own start. */
export function PredictionsView({ data }: { data: PredictionsData }) {
  const lang = useLang();
  const items = useMemo<PagerItems>(() => ({
    count: data.indices.length,
    index: (k) => data.indices[k], label: (k) => data.labels[k], predicted: (k) => data.predicted[k],
    top: (k) => top3Of(data, k),
  }), [data]);
  return <div className="predictions-view"><DigitPager key={`${data.start}-${data.indices.length}`} caption={predictionsTitle(data, lang)} items={items} pageSize={data.pageSize} start={data.start} /></div>;
}
