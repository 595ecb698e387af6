import { codeSpans } from './inlineCode';

/** A front-matter string with its `code` spans as <code> (see inlineCode.ts); React escapes the rest. */
export function InlineCode({ text }: { text: string }) {
  return <>{codeSpans(text).map((s, i) => (s.code ? <code key={i}>{s.text}</code> : s.text))}</>;
}
