import { useEffect, useRef, useState } from 'react';

interface Props {
  value: string;
  onChange(v: string): void;
  onRun(advance: boolean): void;
  label: string;
  language?: string;
  readOnly?: boolean;
}

type MonacoModule = typeof import('./monaco');
let loading: Promise<MonacoModule> | null = null;
const loadMonaco = () => (loading ??= import('./monaco'));

function lines(v: string) {
  return Math.max(3, Math.min(30, v.split('\n').length + 1));
}

/** A code cell's editor: a textarea at once, replaced by Monaco when it has loaded. */
export function CodeEditor({ value, onChange, onRun, label, language = 'javascript', readOnly = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const editorRef = useRef<import('monaco-editor').editor.IStandaloneCodeEditor | null>(null);
  const cb = useRef({ onChange, onRun });
  useEffect(() => {
    cb.current = { onChange, onRun };
  });

  useEffect(() => {
    let disposed = false;
    void loadMonaco().then(({ monaco }) => {
      if (disposed || !host.current) return;
      const ed = monaco.editor.create(host.current, {
        value, language, readOnly, minimap: { enabled: false }, scrollBeyondLastLine: false, automaticLayout: true,
        fontSize: 14, lineNumbers: 'on', tabSize: 2, ariaLabel: label, wordWrap: 'on', fixedOverflowWidgets: true,
        scrollbar: { alwaysConsumeMouseWheel: false },
      });
      const fit = () => { if (host.current) host.current.style.height = `${Math.min(600, Math.max(60, ed.getContentHeight()))}px`; ed.layout(); };
      ed.onDidContentSizeChange(fit);
      fit();
      ed.onDidChangeModelContent(() => cb.current.onChange(ed.getValue()));
      // addAction, not addCommand: a command binds to the last editor created, an action to this one
      ed.addAction({ id: 'paralelo.runAndAdvance', label: 'Run cell and move on', keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter], run: () => cb.current.onRun(true) });
      ed.addAction({ id: 'paralelo.run', label: 'Run cell', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => cb.current.onRun(false) });
      editorRef.current = ed;
      setReady(true);
    });
    return () => {
      disposed = true;
      editorRef.current?.getModel()?.dispose();
      editorRef.current?.dispose();
      editorRef.current = null;
    };
    // the editor is created once; later value changes are pushed below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== value) ed.setValue(value);
  }, [value]);

  return (
    <div className="code-editor" data-testid="code-editor" data-ready={ready || undefined}>
      <div ref={host} className="monaco-host" hidden={!ready} />
      {!ready && (
        <textarea
          className="code-fallback" aria-label={label} value={value} readOnly={readOnly} rows={lines(value)} spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) { e.preventDefault(); onRun(e.shiftKey); }
          }}
        />
      )}
    </div>
  );
}
