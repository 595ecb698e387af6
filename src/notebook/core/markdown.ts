// Markdown to HTML, safely: raw HTML is escaped (html: false), link targets are checked by
// markdown-it's validateLink (no javascript:), and math is rendered by KaTeX (trust off). An image
// from a notebook's attachments (`attachment:name`) is never fetched: a placeholder names it. The
// page still runs the result through DOMPurify (sanitize.ts) before inserting it.
import katex from 'katex';
import MarkdownIt, { type StateInline } from 'markdown-it';

function mathRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== '$') return false;
  const display = src[start + 1] === '$';
  const open = display ? 2 : 1;
  if (!display && /\s/.test(src[start + 1] ?? ' ')) return false; // "$ 5" is money, not math
  let end = start + open;
  for (;;) {
    end = src.indexOf(display ? '$$' : '$', end);
    if (end < 0) return false;
    if (src[end - 1] !== '\\') break;
    end++;
  }
  const tex = src.slice(start + open, end);
  if (!tex.trim()) return false;
  if (!silent) {
    const token = state.push('math', 'span', 0);
    token.content = tex;
    token.meta = { display };
  }
  state.pos = end + open;
  return true;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
md.inline.ruler.after('escape', 'math', mathRule);
md.renderer.rules.math = (tokens, idx) => {
  const t = tokens[idx];
  return katex.renderToString(t.content, { displayMode: Boolean(t.meta?.display), throwOnError: false, trust: false, output: 'html' });
};

// links leave the app without handing it to the page they open (sanitize.ts's hook sets the same, so a
// lesson's HTML from the build is what DOMPurify would leave)
const linkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer nofollow');
  return linkOpen(tokens, idx, options, env, self);
};

// `![alt](attachment:plot.png)`: Jupyter's cell attachments are not imported; show a placeholder.
const image = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const src = String(tokens[idx].attrGet('src') ?? '');
  if (!/^attachment:/i.test(src.trim())) return image(tokens, idx, options, env, self);
  const name = src.trim().slice('attachment:'.length);
  return `<span class="md-attachment">📎 ${md.utils.escapeHtml(decodeURIComponentSafe(name))}</span>`;
};

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

export function renderMarkdown(source: string): string {
  return md.render(source);
}
