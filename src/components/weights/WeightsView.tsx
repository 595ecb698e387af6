// show.weights on the page: the first layer's filters as 28×28 pictures on one symmetric colour scale
// (with its legend), and a chosen test digit's hidden activations and the units that push each class.
// Every canvas is aria-hidden; the text beside it (labels, the table) says what it shows.
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useLang, useT } from '../../i18n/react';
import type { WeightsData, WeightsDigit } from '../../notebook/kernel/protocol';
import { Digit } from '../digits/DigitGrid';
import { cssRgb, DARK, divergingRgb, int8Palette, LIGHT } from './colormap';
import './weights.css';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const subscribe = (fn: () => void) => {
  const m = globalThis.matchMedia?.(DARK_QUERY);
  m?.addEventListener('change', fn);
  return () => m?.removeEventListener('change', fn);
};
const useDark = () => useSyncExternalStore(subscribe, () => globalThis.matchMedia?.(DARK_QUERY).matches ?? false, () => false);

function Filter({ q, lut, className }: { q: Int8Array; lut: Uint8ClampedArray; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) img.data.set(lut.subarray((q[i] + 127) * 4, (q[i] + 128) * 4), i * 4);
    ctx.putImageData(img, 0, 0);
  }, [q, lut]);
  return <canvas ref={ref} width={28} height={28} className={className ?? 'w-filter'} aria-hidden="true" />;
}

function Activations({ digit, hidden }: { digit: WeightsDigit; hidden: number }) {
  const t = useT();
  const lang = useLang();
  const a = digit.activations;
  const max = Math.max(...a, 1e-9);
  const active = a.filter((v) => v > 0).length;
  const nf = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const top = a.map((v, unit) => ({ unit, v })).sort((x, y) => y.v - x.v).slice(0, 5).filter((x) => x.v > 0)
    .map((x) => `${t('weightsUnit', { n: x.unit })} (${nf.format(x.v)})`).join(', ');
  return (
    <div className="w-activations">
      <p data-testid="weights-active">{t('weightsActive', { active, n: hidden })}</p>
      <svg viewBox={`0 0 ${hidden} 40`} preserveAspectRatio="none" role="img" data-testid="weights-activations"
        aria-label={t('weightsActivations', { index: digit.index, active, n: hidden, top: top || '—' })}>
        <rect x={0} y={0} width={hidden} height={40} className="w-act-bg" />
        {a.map((v, j) => (v > 0 ? <rect key={j} x={j + 0.1} width={0.8} y={40 - (v / max) * 40} height={(v / max) * 40} className="w-act-bar" /> : null))}
      </svg>
    </div>
  );
}

/** The show.weights output. */
export function WeightsView({ weights }: { weights: WeightsData }) {
  const t = useT();
  const lang = useLang();
  const dark = useDark();
  const map = dark ? DARK : LIGHT;
  const lut = useMemo(() => int8Palette(map), [map]);
  const { hidden, filters, digits } = weights;
  const [pick, setPick] = useState(0);
  const digit = digits[Math.min(pick, digits.length - 1)];
  const name = useId();
  const filter = (j: number) => filters.subarray(j * 784, (j + 1) * 784);
  const scale = new Intl.NumberFormat(lang, { maximumSignificantDigits: 3 }).format(weights.scale);
  const min = `−${scale}`, max = `+${scale}`;
  const signed = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'always' });
  const grad = `linear-gradient(to right, ${cssRgb(map.neg)}, ${cssRgb(divergingRgb(0, map))}, ${cssRgb(map.pos)})`;
  return (
    <figure className="weights-view" data-testid="weights-view">
      <figcaption>{t('weightsTitle', { label: weights.label })}</figcaption>
      <p className="w-sub">{t('weightsFilters', { n: hidden })}</p>
      <div className="w-legend" role="img" aria-label={t('weightsScaleLabel', { min, max })} data-testid="weights-legend">
        <span aria-hidden="true">{min} <small>{t('weightsNegative')}</small></span>
        <span className="w-ramp" style={{ background: grad }} aria-hidden="true" />
        <span aria-hidden="true">{max} <small>{t('weightsPositive')}</small></span>
      </div>
      {/* one picture for assistive technology (its label says what it is); the tiles are its pixels */}
      <div className="w-grid" role="img" aria-label={t('weightsGridLabel', { n: hidden, min, max })}>
        {Array.from({ length: hidden }, (_, j) => (
          <div key={j} title={t('weightsUnit', { n: j })} data-testid="weight-filter"><Filter q={filter(j)} lut={lut} /></div>
        ))}
      </div>
      <p className="w-note">{t('weightsQuantNote')}</p>
      {digit && (
        <section className="w-digit">
          {digits.length > 1 && (
            <fieldset className="w-pick">
              <legend>{t('weightsPick')}</legend>
              {digits.map((d, i) => (
                <label key={d.index} className={i === pick ? 'on' : undefined}>
                  <input type="radio" name={name} checked={i === pick} onChange={() => setPick(i)}
                    aria-label={t('weightsDigitOption', { index: d.index, label: d.label, prediction: d.prediction })} />
                  <Digit pixels={d.image} />
                  <span aria-hidden="true">{d.label}</span>
                </label>
              ))}
            </fieldset>
          )}
          <h4 data-testid="weights-digit">{t('weightsDigitHeading', { index: digit.index, label: digit.label, prediction: digit.prediction })}</h4>
          <div className="w-digit-row">
            <Digit pixels={digit.image} />
            <Activations digit={digit} hidden={hidden} />
          </div>
          <table className="data-table w-classes" data-testid="weights-classes">
            <caption>{t('weightsClassTitle')}</caption>
            <thead><tr><th scope="col">{t('weightsClass')}</th><th scope="col">{t('weightsLogit')}</th><th scope="col">{t('weightsTopUnits', { n: digit.classes[0]?.top.length ?? 0 })}</th></tr></thead>
            <tbody>
              {digit.classes.map((c, v) => (
                <tr key={v} className={v === digit.prediction ? 'w-predicted' : undefined}>
                  <th scope="row">{v}{v === digit.prediction && <span className="w-tag"> {t('weightsPredictedTag')}</span>}</th>
                  <td className="num">{signed.format(c.logit)}</td>
                  <td className="text">
                    <ul className="w-top">
                      {c.top.map((u) => (
                        <li key={u.unit}><Filter q={filter(u.unit)} lut={lut} className="w-filter w-filter-sm" />{t('weightsContribution', { unit: u.unit, c: signed.format(u.contribution) })}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </figure>
  );
}
