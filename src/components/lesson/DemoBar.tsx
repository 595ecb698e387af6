import { useState, useSyncExternalStore } from 'react';
import type { MessageKey } from '../../i18n';
import { useT } from '../../i18n/react';
import { currentDemo, DEMO_KEYS, searchWithDemo, specOf, validDemo, type DemoKey, type DemoSettings } from '../../notebook/core/demo';
import { staticKnobUse } from '../../notebook/core/knobUse';
import type { Notebook } from '../../notebook/core/notebook';

/** The knob label of each demo setting (the toolbar's). */
const LABELS: Record<DemoKey, MessageKey> = { samples: 'samples', batchSize: 'batchSize', epochs: 'epochs', workers: 'workers', threads: 'threads', repeats: 'repeats' };

/** Writes the settings into the address (no new history entry) and lets every cell follow them. */
function apply(notebook: Notebook, demo: DemoSettings): void {
  history.replaceState(history.state, '', `${location.pathname}${searchWithDemo(location.search, demo)}${location.hash}`);
  notebook.rebaseKnobs();
}

/** The lesson's demo settings: samples, batch, epochs, workers, threads and repeats for every cell at once,
 * kept in the URL (src/notebook/core/demo.ts). Shown on lessons whose cells train. */
export function DemoBar({ notebook }: { notebook: Notebook }) {
  const t = useT();
  const state = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  const [demo, setDemo] = useState<DemoSettings>(currentDemo);
  const [drafts, setDrafts] = useState<Partial<Record<DemoKey, string>>>({});
  if (!state.cells.some((c) => c.spec.kind === 'code' && staticKnobUse(c.source).trains)) return null;
  const busy = state.running !== null;
  const set = (key: DemoKey, raw: string) => {
    setDrafts({ ...drafts, [key]: raw });
    const v = Number(raw);
    if (raw.trim() !== '' && !validDemo(key, v)) return; // shown as invalid, not applied
    const next = { ...demo };
    if (raw.trim() === '') delete next[key]; else next[key] = v;
    setDemo(next);
    apply(notebook, next);
  };
  const reset = () => {
    setDemo({});
    setDrafts({});
    apply(notebook, {});
  };
  const n = Object.keys(demo).length;
  return (
    <details className="demo-bar" data-testid="demo-bar" open={n > 0 || undefined}>
      <summary>{t('demoTitle')}{n > 0 && <span className="badge">{t('demoActive', { n })}</span>}</summary>
      <fieldset className="demo-knobs" disabled={busy}>
        {DEMO_KEYS.map(({ key, param }) => {
          const spec = specOf(key);
          const raw = drafts[key] ?? (demo[key] !== undefined ? String(demo[key]) : '');
          const invalid = raw.trim() !== '' && !validDemo(key, Number(raw));
          const range = spec.type === 'int' ? t('demoInvalid', { min: spec.min, max: spec.max }) : '';
          return (
            <label className="knob" key={key}>
              <span>{t(LABELS[key])}</span>
              <input type="number" inputMode="numeric" value={raw} placeholder="—" title={invalid ? range : t('demoUnset')}
                min={spec.type === 'int' ? spec.min : undefined} max={spec.type === 'int' ? spec.max : undefined}
                aria-invalid={invalid || undefined} data-testid={`demo-${param}`} onChange={(e) => set(key, e.target.value)} />
            </label>
          );
        })}
        <button type="button" data-testid="demo-reset" onClick={reset} disabled={n === 0 && !Object.values(drafts).some(Boolean)}>{t('demoReset')}</button>
      </fieldset>
      <p className="demo-rule">{t('demoRule')}</p>
    </details>
  );
}
