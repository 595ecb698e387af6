// kmeans()'s centroids: each the mean image of its cluster, with the cluster's size and its most
// common label and that label's share (the labels scored the clusters; they did not make them).
import type { CentroidsData } from '../../notebook/kernel/protocol';
import { Digit } from '../digits/DigitGrid';
import { useLang, useT } from '../../i18n/react';
import './kmeans.css';

export function CentroidsView({ data }: { data: CentroidsData }) {
  const t = useT();
  const lang = useLang();
  const pct = (x: number) => x.toLocaleString(lang, { style: 'percent', maximumFractionDigits: 0 });
  const count = (n: number) => n.toLocaleString(lang);
  return (
    <figure className="centroids" data-testid="centroids">
      <figcaption>{data.title}</figcaption>
      <p className="centroids-key">{t('kmeansCentroidsKey')}</p>
      <ul>
        {data.sizes.map((n, j) => {
          const text = t('kmeansClusterText', { j: j + 1, n: count(n), label: data.majority[j], share: pct(data.share[j]) });
          return (
            <li key={j} title={text} aria-label={text} data-testid="centroid">
              <Digit pixels={data.images.subarray(j * 784, (j + 1) * 784)} />
              <span className="centroid-label">{n ? data.majority[j] : '—'}<small>{n ? pct(data.share[j]) : ''}</small></span>
              <span className="centroid-size">{count(n)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
