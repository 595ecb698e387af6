// Under a training run, beside the Export button: "Equivalent code", a disclosure (closed by default)
// with one tab per world — numpy, joblib, Dask, C + OpenMP, PyCUDA — showing the run's training loop
// with its own options (src/export/rosetta.ts). The backend's own world is the first tab. Tabs follow
// the WAI-ARIA tabs pattern (arrows, Home, End; automatic activation); each tab has a Copy button.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExportOptions } from '../../export/experiment';
import { rosettaSnippets, type RosettaSnippet } from '../../export/rosetta';
import type { MessageKey } from '../../i18n';
import { useLang, useT } from '../../i18n/react';
import { highlight, type Token } from './highlight';
import './rosetta.css';

export function RosettaPanel({ options }: { options: ExportOptions }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="rosetta" data-testid="rosetta" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('rosetta_summary')}</summary>
      {open && <RosettaTabs options={options} />}
    </details>
  );
}

const worldKey = (s: RosettaSnippet) => `rosetta_world_${s.world}` as MessageKey;

function RosettaTabs({ options }: { options: ExportOptions }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const snippets = useMemo(() => rosettaSnippets(options), [options]);
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const snippet = snippets[selected];

  const onKeyDown = (e: KeyboardEvent) => {
    const n = snippets.length;
    const next = e.key === 'ArrowRight' ? (selected + 1) % n : e.key === 'ArrowLeft' ? (selected - 1 + n) % n
      : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : null;
    if (next === null) return;
    e.preventDefault();
    setSelected(next);
    tabs.current[next]?.focus();
  };

  return (
    <div className="rosetta-body">
      <p className="rosetta-note">{t('rosetta_note', { batchSize: options.batchSize.toLocaleString(lang), learningRate: options.learningRate.toLocaleString(lang, { maximumSignificantDigits: 21 }) })}</p>
      <div role="tablist" aria-label={t('rosetta_tabs')} className="rosetta-tabs" onKeyDown={onKeyDown}>
        {snippets.map((s, i) => (
          <button key={s.world} type="button" role="tab" id={`${id}-tab-${s.world}`} aria-controls={`${id}-panel`}
            aria-selected={i === selected} tabIndex={i === selected ? 0 : -1} data-world={s.world}
            ref={(el) => { tabs.current[i] = el; }} onClick={() => setSelected(i)}>
            {t(worldKey(s))}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${snippet.world}`} className="rosetta-panel" data-world={snippet.world}>
        <CopyButton key={snippet.world} text={snippet.code} label={t('rosetta_copy_label', { world: t(worldKey(snippet)) })} />
        <Code snippet={snippet} label={t('rosetta_code_label', { world: t(worldKey(snippet)) })} />
      </div>
    </div>
  );
}

function Code({ snippet, label }: { snippet: RosettaSnippet; label: string }) {
  const [colored, setColored] = useState<{ code: string; lines: Token[][] } | null>(null);
  useEffect(() => {
    let live = true;
    void highlight(snippet.code, snippet.language).then((lines) => { if (live && lines) setColored({ code: snippet.code, lines }); });
    return () => { live = false; };
  }, [snippet.code, snippet.language]);
  const lines = colored?.code === snippet.code ? colored.lines : null;
  // a scrollable region is focusable, so the keyboard can scroll it (the phone's long lines)
  return (
    <pre className={`rosetta-code language-${snippet.language}`} tabIndex={0} role="group" aria-label={label} data-testid="rosetta-code" data-highlighted={lines ? 'true' : 'false'}>
      <code>
        {lines ? lines.map((line, i) => (
          <span key={i}>{line.map((tok, j) => <span key={j} className={tok.cls || undefined}>{tok.text}</span>)}{'\n'}</span>
        )) : snippet.code}
      </code>
    </pre>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="rosetta-copy">
      <button type="button" data-testid="rosetta-copy" aria-label={label} onClick={() => void copy()}>{t('rosetta_copy')}</button>
      <span role="status" className={state === 'failed' ? 'rosetta-copy-failed' : undefined}>
        {state === 'copied' ? t('rosetta_copied') : state === 'failed' ? t('rosetta_copy_failed') : ''}
      </span>
    </div>
  );
}
