import { useId } from 'react';
import { useT } from '../../i18n/react';

interface Props { label: string; value: number; max: number; detail?: string }

/**
 * A progress output: its name, the bar, the percentage and where it stands in words ("batch 120 of
 * 469 · 5,230 samples/s · ~4 s left"). The bar is a native <progress> (role progressbar) named by the
 * label, whose aria-valuetext says the same words, so a screen reader hears more than a number.
 * max 0: how much is left is unknown (an indeterminate bar).
 */
export function ProgressView({ label, value, max, detail }: Props) {
  const t = useT();
  const nameId = useId();
  const known = max > 0 && Number.isFinite(max) && Number.isFinite(value);
  const pct = known ? Math.round((Math.min(max, Math.max(0, value)) / max) * 100) : null;
  const percent = pct === null ? null : t('progressPercent', { pct });
  const words = [percent ?? t('progressWorking'), detail].filter(Boolean).join(' · ');
  return (
    <div className="out-progress" data-testid="out-progress" data-percent={pct ?? undefined}>
      <span className="out-progress-label" id={nameId}>{label}</span>
      {known
        ? <progress value={value} max={max} aria-labelledby={nameId} aria-valuetext={words} />
        : <progress aria-labelledby={nameId} aria-valuetext={words} />}
      {percent && <span className="out-progress-pct" aria-hidden="true">{percent}</span>}
      {detail && <span className="out-progress-detail" data-testid="progress-detail" aria-hidden="true">{detail}</span>}
    </div>
  );
}
