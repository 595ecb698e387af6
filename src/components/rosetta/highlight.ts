// Syntax colours for a snippet from Monaco's own tokenizer (monaco.editor.colorize), loaded only when
// a panel is opened; Monaco is the chunk the cell editors already load. colorize answers with HTML:
// it is read with DOMParser (which never runs script) into plain tokens that React renders, so no
// HTML string is ever put into the page. The class names (mtk1, mtk2...) are coloured by Monaco's
// current theme, the same one as the editors (src/design/useMonacoTheme.ts).
export interface Token { readonly cls: string; readonly text: string }
import { loadMonaco } from '../editor/loadMonaco';

/** Lines of tokens from colorize's HTML: a span.mtkN is a token, a <br> ends a line. */
export function tokensFromColorized(html: string): Token[][] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const lines: Token[][] = [[]];
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child instanceof HTMLBRElement) lines.push([]);
      else if (child instanceof HTMLElement && /^mtk\d+$/.test(child.className)) {
        lines[lines.length - 1].push({ cls: child.className, text: (child.textContent ?? '').replace(/\u00a0/g, ' ') });
      } else if (child instanceof HTMLElement) walk(child);
      else if (child.nodeType === Node.TEXT_NODE && child.textContent) lines[lines.length - 1].push({ cls: '', text: child.textContent.replace(/\u00a0/g, ' ') });
    }
  };
  walk(doc.body);
  while (lines.length > 1 && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}

/** The snippet's tokens, or null when Monaco cannot load (the plain text is shown instead). */
export async function highlight(code: string, language: 'python' | 'c'): Promise<Token[][] | null> {
  try {
    const { monaco } = await loadMonaco(); // the shared loader: the page's Monaco theme is set on it
    const html = await monaco.editor.colorize(code, language, { tabSize: 4 });
    const lines = tokensFromColorized(html);
    // a tokenizer that lost text would show a different program than Copy copies: keep the plain text
    return lines.map((l) => l.map((t) => t.text).join('')).join('\n') === code.replace(/\n$/, '') ? lines : null;
  } catch {
    return null;
  }
}
