// Draw a digit and see what the network makes of it: the pad, the 28×28 input the network gets, the
// ten probabilities (as bars with their % as text), and each available backend's own answer with
// whether they agree. Used by the Digits page and by a show.draw output.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { agreement, argmax } from '../../digits/agreement';
import { mnistFromStrokes, SIDE, type Stroke } from '../../digits/preprocess';
import { BACKEND_MARKER } from '../../design/tokens';
import { usePalette } from '../../design/useTheme';
import type { Lang } from '../../i18n';
import { useLang, useT } from '../../i18n/react';
import type { TrainedModel } from '../../models/model';
import { Marker } from '../charts/shapes';
import { DrawPad } from './DrawPad';
import { availableBackends, useDigitsKernel } from './kernelContext';
import { usePredictions } from './usePredictions';
import './digits.css';

export const pct = (p: number, lang: Lang) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(p);
const ms = (v: number, lang: Lang) => `${new Intl.NumberFormat(lang, { maximumFractionDigits: v < 10 ? 2 : 0 }).format(v)} ms`;
const diffText = (d: number, lang: Lang) => new Intl.NumberFormat(lang, d !== 0 && d < 0.001 ? { notation: 'scientific', maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 }).format(d);

/** The 28×28 input, drawn pixel for pixel and scaled up by CSS (crisp: image-rendering: pixelated). */
export function InputImage({ image, label, testId = 'digits-input' }: { image: Uint8Array | null; label: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = 255 - (image?.[i] ?? 0);
      img.data[i * 4] = v; img.data[i * 4 + 1] = v; img.data[i * 4 + 2] = v; img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [image]);
  return <canvas ref={ref} width={SIDE} height={SIDE} className="digits-input" role="img" aria-label={label} data-testid={testId} data-empty={image ? undefined : true} />;
}

interface Props {
  model: TrainedModel | null;
  /** the current input (null: nothing drawn), for "add to a test set" */
  onImage?: (image: Uint8Array | null) => void;
  children?: ReactNode;
}

export function DigitLab({ model, onImage, children }: Props) {
  const t = useT();
  const lang = useLang();
  const palette = usePalette();
  const dk = useDigitsKernel();
  const backends = useMemo(() => availableBackends(dk?.support ?? {}), [dk?.support]);
  const pred = usePredictions(dk, model, backends);
  const [image, setImage] = useState<Uint8Array | null>(null);
  const cbImage = useRef(onImage);
  useEffect(() => { cbImage.current = onImage; });

  const onChange = useCallback((strokes: readonly Stroke[]) => {
    const img = mnistFromStrokes(strokes);
    setImage(img);
    cbImage.current?.(img);
    pred.request(img);
  }, [pred]);

  const agree = pred.results ? agreement(pred.results) : null;
  const shownFrom = pred.results?.find((r) => r.probabilities && !r.error);
  const probs = image && shownFrom?.probabilities ? shownFrom.probabilities.subarray(0, 10) : null;
  const top = probs ? argmax(probs) : -1;
  const says = !image ? t('digitsEmpty') : !model ? t('digitsNoModel') : probs ? t('digitsSays', { digit: top, pct: pct(probs[top], lang) }) : t('digitsWaiting');
  const problem = pred.problem === 'busy' ? t('digitsBusy') : pred.problem === 'restarted' ? t('digitsRestarted') : pred.problem === 'timeout' ? t('digitsTimeout') : null;

  return (
    <div className="digit-lab" data-testid="digit-lab">
      <div className="digit-lab-main">
        <DrawPad onChange={onChange} description={says} />
        <figure className="digits-seen">
          <figcaption>{t('digitsInputTitle')}</figcaption>
          <InputImage image={image} label={t('digitsInputAlt')} />
        </figure>
        <figure className="digits-probs" data-testid="digits-probs" data-top={probs ? top : undefined}>
          <figcaption>{t('digitsProbTitle', { backend: shownFrom?.backend ?? '—' })}</figcaption>
          <ol>
            {Array.from({ length: 10 }, (_, d) => {
              const p = probs?.[d] ?? 0;
              return (
                <li key={d} data-testid={`digits-bar-${d}`} data-top={d === top || undefined} aria-label={t('digitsProbRow', { digit: d, pct: pct(p, lang) })}>
                  <span className="digits-bar-label" aria-hidden="true">{d}</span>
                  <span className="digits-bar-track" aria-hidden="true"><span className="digits-bar-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} /></span>
                  <span className="digits-bar-pct" aria-hidden="true">{probs ? pct(p, lang) : ''}{d === top ? ' ◀' : ''}</span>
                </li>
              );
            })}
          </ol>
        </figure>
      </div>
      <p className="digits-says" aria-hidden="true" data-testid="digits-says-visible">{says}</p>
      {problem && <p className="digits-problem" role="status" data-testid="digits-problem">{problem}</p>}
      {model && image && pred.results && (
        <section className="digits-backends" aria-label={t('digitsBackendsTitle')}>
          <table className="data-table" data-testid="digits-backends">
            <caption>{t('digitsBackendsTitle')}</caption>
            <thead><tr><th scope="col">{t('digitsColBackend')}</th><th scope="col">{t('digitsColClass')}</th><th scope="col">{t('digitsColTop')}</th><th scope="col">{t('digitsColTime')}</th></tr></thead>
            <tbody>
              {pred.results.map((r) => {
                const a = agree?.answers.find((x) => x.backend === r.backend);
                return (
                  <tr key={r.backend} data-testid={`digits-backend-${r.backend}`} data-predicted={a?.predicted}>
                    <th scope="row">
                      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><Marker shape={BACKEND_MARKER[r.backend]} cx={6} cy={6} r={5} color={palette.backend[r.backend]} /></svg>
                      {' '}{r.backend}
                    </th>
                    {a ? <><td className="num">{a.predicted}</td><td className="num">{pct(a.top, lang)}</td><td className="num">{ms(a.ms, lang)}</td></>
                      : <td colSpan={3} className="digits-failed">{t('digitsFailed', { message: r.error ?? '?' })}</td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {agree && agree.answers.length > 0 && (
            <p className={agree.agree ? 'digits-agree' : 'digits-disagree'} data-testid="digits-agreement" data-agree={agree.agree} data-n={agree.answers.length}>
              <span aria-hidden="true">{agree.agree ? '✓ ' : '≠ '}</span>
              {agree.answers.length === 1 ? t('digitsAgreeOne', { backend: agree.answers[0].backend, digit: agree.answers[0].predicted })
                : agree.agree ? t('digitsAgree', { n: agree.answers.length, digit: agree.answers[0].predicted, diff: diffText(agree.maxDiff, lang) })
                  : t('digitsDisagree', { list: agree.answers.map((x) => `${x.backend} ${x.predicted}`).join(', '), diff: diffText(agree.maxDiff, lang) })}
            </p>
          )}
        </section>
      )}
      {children}
    </div>
  );
}
