import { useMemo } from 'react';
import { renderMarkdown } from '../../notebook/core/markdown';
import { sanitizeHtml } from '../../notebook/core/sanitize';

/**
 * Lesson prose, or an imported notebook's. renderMarkdown escapes raw HTML; DOMPurify then removes
 * anything that could still run or reach out (defence in depth): nothing here runs script.
 */
export function MarkdownCell({ source }: { source: string }) {
  const html = useMemo(() => sanitizeHtml(renderMarkdown(source)), [source]);
  return <section className="cell markdown-cell" data-testid="markdown-cell" dangerouslySetInnerHTML={{ __html: html }} />;
}
