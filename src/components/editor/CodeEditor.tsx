import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/react';
import '../ui/a11y.css';
import { loadMonaco, whenMonaco } from './loadMonaco';

interface Props {
  value: string;
  onChange(v: string): void;
  onRun(advance: boolean): void;
  label: string;
  language?: string;
  readOnly?: boolean;
}


function lines(v: string) {
  return Math.max(3, Math.min(30, v.split('\n').length + 1));
}

/** How each mounted editor takes the focus (Monaco's, or the textarea before it), by its box. */
const focusers = new WeakMap<Element, () => void>();

/** Moves the focus into the first code editor inside `root` (Shift+Enter's "go to the next cell");
 * false if there is none. The editor arrives in tab-focus mode, like one reached with Tab. */
export function focusEditorIn(root: ParentNode): boolean {
  const box = root.querySelector('[data-testid="code-editor"]');
  const focus = box && focusers.get(box);
  if (focus) focus();
  return !!focus;
}

/** Two spaces in at the caret (Tab), or up to two out at the start of its line (Shift+Tab). */
function indent(el: HTMLTextAreaElement, out: boolean): void {
  const { selectionStart: start, selectionEnd: end, value } = el;
  if (!out) { el.setRangeText('  ', start, end, 'end'); return; }
  const line = value.lastIndexOf('\n', start - 1) + 1;
  const n = value.startsWith('  ', line) ? 2 : value[line] === ' ' ? 1 : 0;
  if (n) el.setRangeText('', line, line + n, 'preserve');
}

/**
 * A code cell's editor: a textarea, replaced by Monaco when the student first focuses or clicks an
 * editor (Monaco and its TypeScript worker load then, not with the lesson: issue 18 §5; every editor
 * on the page switches then). The textarea hands
 * Monaco its text, caret, focus and Tab mode, so typing and the keyboard carry on across the swap.
 *
 * Tab (issue 12). Tab moving the focus into an editor must not edit it, and the keyboard must be
 * able to leave it. An editor reached with the keyboard (Tab, Shift+Tab, Shift+Enter in the cell
 * above) is in Monaco's tab-focus mode (the `tabFocusMode` option, per editor): Tab and Shift+Tab
 * move on. The student's first edit, or a click, switches to editing, where Tab indents as in any
 * code editor; Escape — once Monaco has nothing of its own to close (suggestions, hints, a
 * selection, snippet fields: those handle Escape and stop it) — switches back, so Escape then Tab
 * leaves. A polite live region says which mode begins; the editor's description explains both.
 * Ctrl+M (Monaco's own toggle) still makes Tab move on in every editor. The textarea does the same.
 */
export function CodeEditor({ value, onChange, onRun, label, language = 'javascript', readOnly = false }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const [ready, setReady] = useState(false);
  const [mode, setMode] = useState('');
  const hintId = useId();
  const editorRef = useRef<import('monaco-editor').editor.IStandaloneCodeEditor | null>(null);
  const cb = useRef({ onChange, onRun, t, value });
  useEffect(() => {
    cb.current = { onChange, onRun, t, value };
  });

  // editing: Tab indents; otherwise Tab moves the focus on. `pointerAt`: when the box was last
  // clicked (a focus that follows at once comes from the click, not from the keyboard).
  const editing = useRef(false);
  const pointerAt = useRef(-Infinity);
  const handover = useRef<boolean | null>(null); // the textarea's mode, for Monaco's first focus
  const away = useRef(false); // the focus left with the window (another app, another tab): the mode stays
  const setEditing = (on: boolean, say: boolean) => {
    if (say) setMode(cb.current.t(on ? 'kbTabIndents' : 'kbTabLeaves'));
    if (editing.current === on) return;
    editing.current = on;
    editorRef.current?.updateOptions({ tabFocusMode: !on });
  };
  const onFocus = () => {
    if (!away.current) setEditing(handover.current ?? (performance.now() - pointerAt.current < 1000), false);
    handover.current = null;
    away.current = false;
  };
  const onBlur = () => {
    away.current = !document.hasFocus();
    if (away.current) {
      // back in the page, but somewhere else: the next visit starts afresh
      document.addEventListener('focusin', (e) => {
        if (box.current?.contains(e.target as Node)) return;
        away.current = false;
        setEditing(false, false);
      }, { once: true });
      return;
    }
    setEditing(false, false);
    setMode(''); // the next announcement is heard even if it is the same words
  };
  const modeRef = useRef({ setEditing, onFocus, onBlur });
  useEffect(() => {
    modeRef.current = { setEditing, onFocus, onBlur };
  });

  const start = useRef<() => void>(() => undefined);
  useEffect(() => {
    let disposed = false;
    const el = box.current;
    if (el) focusers.set(el, () => (editorRef.current ? editorRef.current.focus() : area.current?.focus()));
    // once one editor has loaded Monaco, every editor on the page (and every later one) becomes one
    start.current = () => { loadMonaco().catch(() => undefined); }; // offline without it: the textarea stays, the next focus tries again
    const create = ({ monaco }: Awaited<ReturnType<typeof loadMonaco>>) => {
      if (disposed || !host.current || editorRef.current) return;
      // the textarea hands over its text (edits made while Monaco loaded), focus, caret and mode
      const had = area.current && document.activeElement === area.current ? { at: area.current.selectionStart, editing: editing.current } : null;
      const ed = monaco.editor.create(host.current, {
        value: cb.current.value, language, readOnly, minimap: { enabled: false }, scrollBeyondLastLine: false, automaticLayout: true,
        fontSize: 14, lineNumbers: 'on', tabSize: 2, ariaLabel: label, wordWrap: 'on', fixedOverflowWidgets: true,
        scrollbar: { alwaysConsumeMouseWheel: false }, tabFocusMode: !editing.current,
        // a narrow gutter (numbers only: no glyph margin, no folding arrows): ~70 px became ~35 px, which a phone needs for code
        glyphMargin: false, folding: false, lineNumbersMinChars: 3, lineDecorationsWidth: 6,
        // Monaco fades an unused variable to about 3.5:1 contrast, below WCAG's 4.5:1 (axe flagged lesson 0's
        // code): unused code stays fully legible
        showUnused: false,
      });
      const fit = () => { if (host.current) host.current.style.height = `${Math.min(600, Math.max(60, ed.getContentHeight()))}px`; ed.layout(); };
      ed.onDidContentSizeChange(fit);
      fit();
      ed.onDidChangeModelContent((e) => {
        cb.current.onChange(ed.getValue());
        // the student's own edit (setValue from outside is a flush): from now on Tab indents
        if (!e.isFlush && ed.hasTextFocus()) modeRef.current.setEditing(true, !editing.current);
      });
      ed.onDidFocusEditorText(() => modeRef.current.onFocus());
      ed.onDidBlurEditorText(() => modeRef.current.onBlur());
      // the element that takes the keyboard (EditContext's div, or Monaco's textarea) explains the Tab modes
      ed.getDomNode()?.querySelector('.native-edit-context, textarea.inputarea')?.setAttribute('aria-describedby', hintId);
      // addAction, not addCommand: a command binds to the last editor created, an action to this one
      ed.addAction({ id: 'paralelo.runAndAdvance', label: 'Run cell and move on', keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter], run: () => cb.current.onRun(true) });
      ed.addAction({ id: 'paralelo.run', label: 'Run cell', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => cb.current.onRun(false) });
      editorRef.current = ed;
      setReady(true);
      if (had) {
        const at = ed.getModel()?.getPositionAt(had.at);
        if (at) ed.setPosition(at);
        handover.current = had.editing;
        ed.focus();
      }
    };
    const off = whenMonaco(create);
    return () => {
      off();
      disposed = true;
      if (el) focusers.delete(el);
      // the editor first, then its model: a model disposed under a live editor makes Monaco's
      // observers (inline completions) throw "Model is disposed!" as uncaught errors
      const ed = editorRef.current, model = ed?.getModel();
      ed?.dispose();
      model?.dispose();
      editorRef.current = null;
    };
    // the editor is created once; later value changes are pushed below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== value) ed.setValue(value);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label });
  }, [label, ready]);

  return (
    <div ref={box} className="code-editor" data-testid="code-editor" data-ready={ready || undefined}
      // Escape that Monaco did not use (it stops the ones that close its widgets): Tab leaves from now on
      onKeyDown={(e) => { if (e.key === 'Escape' && !e.defaultPrevented) setEditing(false, true); }}
      onPointerDownCapture={() => {
        start.current();
        pointerAt.current = performance.now();
        if (box.current?.contains(document.activeElement)) setEditing(true, false);
      }}>
      <div ref={host} className="monaco-host" hidden={!ready} />
      {!ready && (
        <textarea
          ref={area} className="code-fallback" aria-label={label} aria-describedby={hintId} value={value} readOnly={readOnly} rows={lines(value)} spellCheck={false}
          onFocus={() => { onFocus(); start.current(); }} onBlur={onBlur}
          onChange={(e) => { onChange(e.target.value); if (!editing.current) setEditing(true, true); }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) { e.preventDefault(); onRun(e.shiftKey); return; }
            if (e.key === 'Tab' && editing.current && !readOnly && !e.altKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              indent(e.currentTarget, e.shiftKey);
              onChange(e.currentTarget.value);
            }
          }}
        />
      )}
      <span id={hintId} hidden>{t('kbEditorHint')}</span>
      <span className="visually-hidden" role="status" data-testid="editor-mode">{mode}</span>
    </div>
  );
}
