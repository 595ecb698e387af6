import type { OptionSpec } from '../../backends/options';
import { BACKEND_NAMES } from '../../backends/types';
import { backendText } from '../../i18n/backendText';
import { useLang, useT } from '../../i18n/react';
import { KNOBS } from '../../notebook/core/knobs';
import type { BackendSupport, Knobs } from '../../notebook/kernel/protocol';

interface Props {
  knobs: Knobs;
  support: Partial<BackendSupport>;
  onChange(k: Partial<Knobs>): void;
  disabled?: boolean;
  /** the group's name for screen readers ("Settings of cell 2") */
  label?: string;
}

/** The e2e specs' ids for the first knobs; the others are `knob-<key>`. */
const TEST_IDS: Partial<Record<keyof Knobs, string>> = { batchSize: 'knob-batch', learningRate: 'knob-lr' };

function BackendSelect({ value, support, onChange }: { value: Knobs['backend']; support: Partial<BackendSupport>; onChange(v: Knobs['backend']): void }) {
  const t = useT();
  const lang = useLang();
  return (
    <select value={value} data-testid="knob-backend" onChange={(e) => onChange(e.target.value as Knobs['backend'])}>
      {BACKEND_NAMES.map((b) => {
        const s = support[b];
        // the kernel's reason, shown in the reader's language (support is unknown until the kernel is ready)
        const reason = s && s !== true ? backendText(lang, s) : '…';
        return <option key={b} value={b} disabled={s !== true} title={s === true ? undefined : reason}>{s === true ? b : `${b} — ${t('unavailable')}: ${reason}`}</option>;
      })}
    </select>
  );
}

function KnobInput({ spec, value, testid, onChange }: { spec: OptionSpec; value: Knobs[keyof Knobs]; testid: string; onChange(v: Knobs[keyof Knobs]): void }) {
  switch (spec.type) {
    case 'int':
    case 'number':
      return <input type="number" value={value as number} min={spec.min} max={spec.max} step={spec.step ?? 1} data-testid={testid}
        onChange={(e) => { const v = Number(e.target.value); if (Number.isFinite(v)) onChange(v); }} />;
    case 'bool':
      return <input type="checkbox" checked={value as boolean} data-testid={testid} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select value={value as string} data-testid={testid} onChange={(e) => onChange(e.target.value as Knobs[keyof Knobs])}>
          {spec.values.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      );
  }
}

/** The cell-level knobs cell code reads through `knobs` (and `train()` uses by default): every option declared as a knob. */
export function CellToolbar({ knobs, support, onChange, disabled, label }: Props) {
  const t = useT();
  return (
    <fieldset className="cell-knobs" disabled={disabled} aria-label={label}>
      {KNOBS.filter((k) => k.backend === null || k.backend === knobs.backend).map(({ key, spec, label }) => (
        <label className="knob" key={key}>
          <span>{t(label)}</span>
          {key === 'backend'
            ? <BackendSelect value={knobs.backend} support={support} onChange={(backend) => onChange({ backend })} />
            : <KnobInput spec={spec} value={knobs[key]} testid={TEST_IDS[key] ?? `knob-${key}`} onChange={(v) => onChange({ [key]: v })} />}
        </label>
      ))}
    </fieldset>
  );
}
