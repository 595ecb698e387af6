import type { OptionSpec } from '../../backends/options';
import { BACKEND_NAMES } from '../../backends/types';
import { backendText } from '../../i18n/backendText';
import { useLang, useT } from '../../i18n/react';
import { KNOBS } from '../../notebook/core/knobs';
import type { KnobRole, KnobValue } from '../../notebook/core/knobUse';
import type { BackendSupport, Knobs } from '../../notebook/kernel/protocol';

interface Props {
  knobs: Knobs;
  support: Partial<BackendSupport>;
  onChange(k: Partial<Knobs>): void;
  /** the knobs this cell's run reads, in toolbar order, with how it gets each (knobUse.ts) */
  shown: readonly { key: keyof Knobs; role: KnobRole }[];
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

/** A value the code fixed, as the reader writes it ("20.000" in Spanish). */
function valueText(lang: string, v: KnobValue): string {
  return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : String(v);
}

/** A knob the run does not take from the toolbar: greyed, with the value the code uses (or "by the code"). */
function FixedKnob({ role, testid }: { role: Exclude<KnobRole, { kind: 'knob' }>; testid: string }) {
  const t = useT();
  const lang = useLang();
  const text = role.kind === 'fixed' ? role.values.map((v) => valueText(lang, v)).join(', ') : t('knobByCode');
  const why = t(role.kind === 'fixed' ? 'knobFixedTitle' : 'knobByCodeTitle');
  return (
    <>
      <input type="text" className="knob-fixed" value={text} size={Math.max(4, text.length)} disabled readOnly data-testid={testid} data-fixed={role.kind} />
      <span className="visually-hidden">{why}</span>
    </>
  );
}

/** The cell-level knobs its run reads (through `knobs` or `train()`'s defaults): the others are not shown,
 * and one the code sets is greyed with the value it uses. */
export function CellToolbar({ knobs, support, onChange, shown, disabled, label }: Props) {
  const t = useT();
  if (!shown.length) return null;
  const labels = new Map(KNOBS.map((k) => [k.key, k.label]));
  return (
    <fieldset className="cell-knobs" disabled={disabled} aria-label={label}>
      {shown.map(({ key, role }) => {
        const testid = TEST_IDS[key] ?? `knob-${key}`;
        const spec = KNOBS.find((k) => k.key === key)!.spec;
        return (
          <label className={role.kind === 'knob' ? 'knob' : 'knob knob-set'} key={key} title={role.kind === 'knob' ? undefined : t(role.kind === 'fixed' ? 'knobFixedTitle' : 'knobByCodeTitle')}>
            <span>{t(labels.get(key)!)}</span>
            {role.kind !== 'knob'
              ? <FixedKnob role={role} testid={testid} />
              : key === 'backend'
                ? <BackendSelect value={knobs.backend} support={support} onChange={(backend) => onChange({ backend })} />
                : <KnobInput spec={spec} value={knobs[key]} testid={testid} onChange={(v) => onChange({ [key]: v })} />}
          </label>
        );
      })}
    </fieldset>
  );
}
