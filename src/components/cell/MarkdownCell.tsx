import { useEffect, useMemo, useState } from 'react';

/** markdown.ts + sanitize.ts (markdown-it, KaTeX, DOMPurify): loaded the first time a cell has no HTML from the build. */
type Render = (source: string) => string;
let render: Render | null = null;
let loading: Promise<Render> | null = null;
function loadRender(): Promise<Render> {
  return (loading ??= Promise.all([import('../../notebook/core/markdown'), import('../../notebook/core/sanitize')]).then(([m, s]) => {
    render = (source) => s.sanitizeHtml(m.renderMarkdown(source));
    return render;
  }, (e: unknown) => { loading = null; throw e; }));
}

/**
 * Lesson prose, or an imported notebook's. A lesson's cells come with their HTML rendered at build
 * time (src/lessons/compile.ts; e2e/lessonHtml.spec.ts checks DOMPurify would remove nothing from it).
 * Any other Markdown is rendered here: renderMarkdown escapes raw HTML, then DOMPurify removes
 * anything that could still run or reach out (defence in depth): nothing here runs script. Until
 * that code has loaded (the first such cell only), the cell shows its source as plain text.
 */
export function MarkdownCell({ source, html }: { source: string; html?: string }) {
  const [loaded, setLoaded] = useState(render !== null);
  useEffect(() => {
    if (html !== undefined || render) return;
    let live = true;
    loadRender().then(() => { if (live) setLoaded(true); }, () => undefined);
    return () => { live = false; };
  }, [html]);
  const shown = useMemo(() => html ?? (loaded && render ? render(source) : null), [html, source, loaded]);
  if (shown === null) return <section className="cell markdown-cell" data-testid="markdown-cell" data-pending="true"><p className="md-pending">{source}</p></section>;
  return <section className="cell markdown-cell" data-testid="markdown-cell" dangerouslySetInnerHTML={{ __html: shown }} />;
}
