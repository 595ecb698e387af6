// Short texts from a lesson's front matter (goals, summaries) may name code the Markdown way:
// "el backend `js`". They are plain strings, not Markdown, so the only syntax honoured is a pair of
// backticks; the page shows it as <code>, as the lesson's prose does, never as literal backticks.

export interface Span {
  code: boolean;
  text: string;
}

/** "a `b` c" → a, <code>b</code>, c. A backtick without its pair stays literal text; empty spans are dropped. */
export function codeSpans(text: string): Span[] {
  const parts = text.split('`');
  // an odd number of parts means every backtick has its pair; an even one leaves the last unpaired
  const paired = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  const out: Span[] = [];
  for (let i = 0; i < paired; i++) if (parts[i]) out.push({ code: i % 2 === 1, text: parts[i] });
  if (paired < parts.length) {
    const rest = '`' + parts[paired];
    const last = out.at(-1);
    if (last && !last.code) last.text += rest;
    else out.push({ code: false, text: rest });
  }
  return out;
}

/** The text with its code spans as they read (for a test, or an accessible name): backticks gone. */
export function plainText(text: string): string {
  return codeSpans(text).map((s) => s.text).join('');
}
