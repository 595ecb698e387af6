import { BACKEND_NAMES } from '../../backends/types';
import type { BackendMessage } from '../../backends/messages';
import { backendText } from '../../i18n/backendText';
import { useLang, useT } from '../../i18n/react';
import type { Knobs } from '../../notebook/kernel/protocol';

interface Props {
  knobs: Knobs;
  support: Record<string, true | BackendMessage>;
  onChange(k: Partial<Knobs>): void;
  disabled?: boolean;
}

function NumberKnob({ label, value, min, max, step, onChange, testid }: { label: string; value: number; min: number; max: number; step?: number; onChange(v: number): void; testid: string }) {
  return (
    <label className="knob">
      <span>{label}</span>
      <input type="number" value={value} min={min} max={max} step={step ?? 1} data-testid={testid}
        onChange={(e) => { const v = Number(e.target.value); if (Number.isFinite(v)) onChange(v); }} />
    </label>
  );
}

/** The cell-level knobs cell code reads through `knobs` (and `train()` uses by default). */
export function CellToolbar({ knobs, support, onChange, disabled }: Props) {
  const t = useT();
  const lang = useLang();
  return (
    <fieldset className="cell-knobs" disabled={disabled}>
      <label className="knob">
        <span>{t('backend')}</span>
        <select value={knobs.backend} data-testid="knob-backend" onChange={(e) => onChange({ backend: e.target.value as Knobs['backend'] })}>
          {BACKEND_NAMES.map((b) => {
            const ok = support[b] === true;
            const reason = support[b];
            const s = reason && reason !== true ? backendText(lang, reason) : undefined;
            return <option key={b} value={b} disabled={!ok} title={ok ? undefined : String(s ?? t('unavailable'))}>{ok ? b : `${b} — ${t('unavailable')}: ${String(s ?? '…')}`}</option>;
          })}
        </select>
      </label>
      <NumberKnob label={t('batchSize')} value={knobs.batchSize} min={1} max={60000} onChange={(batchSize) => onChange({ batchSize })} testid="knob-batch" />
      <NumberKnob label={t('epochs')} value={knobs.epochs} min={1} max={100} onChange={(epochs) => onChange({ epochs })} testid="knob-epochs" />
      <NumberKnob label={t('learningRate')} value={knobs.learningRate} min={0.001} max={10} step={0.01} onChange={(learningRate) => onChange({ learningRate })} testid="knob-lr" />
      <NumberKnob label={t('samples')} value={knobs.samples} min={1} max={60000} step={1000} onChange={(samples) => onChange({ samples })} testid="knob-samples" />
      {knobs.backend === 'workers' && <NumberKnob label={t('workers')} value={knobs.workers} min={1} max={16} onChange={(workers) => onChange({ workers })} testid="knob-workers" />}
      {knobs.backend === 'wasm' && (
        <>
          <NumberKnob label={t('threads')} value={knobs.threads} min={1} max={8} onChange={(threads) => onChange({ threads })} testid="knob-threads" />
          <label className="knob"><span>{t('simd')}</span><input type="checkbox" checked={knobs.simd} onChange={(e) => onChange({ simd: e.target.checked })} /></label>
        </>
      )}
      {knobs.backend === 'webgpu' && (
        <label className="knob">
          <span>{t('mode')}</span>
          <select value={knobs.mode} onChange={(e) => onChange({ mode: e.target.value as Knobs['mode'] })}>
            <option value="resident">resident</option>
            <option value="naive">naive</option>
          </select>
        </label>
      )}
    </fieldset>
  );
}
