import { useMemo } from 'react';
import { renderMarkdown } from '../../notebook/core/markdown';

/** Lesson prose. The HTML comes from renderMarkdown, which escapes raw HTML: nothing here runs script. */
export function MarkdownCell({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <section className="cell markdown-cell" data-testid="markdown-cell" dangerouslySetInnerHTML={{ __html: html }} />;
}
