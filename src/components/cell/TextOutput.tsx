// A text output of any size (issue 11): the page keeps the whole text but renders a page of it at a
// time, so a 10 MB string or 20,000 folded lines never become one huge layout. "show more" adds a
// page; "download" saves the whole text.
import { useMemo, useState } from 'react';
import { useLang, useT } from '../../i18n/react';
import { formatCount, formatSize } from '../../notebook/kernel/limits';

export const PAGE_CHARS = 100_000;
export const PAGE_LINES = 200;

/** Where the first `pages` pages of `text` end: at most pages × maxChars characters and, when
 * `maxLines` is given, pages × maxLines lines. */
export function visibleEnd(text: string, pages: number, maxChars = PAGE_CHARS, maxLines?: number): number {
  let end = Math.min(text.length, pages * maxChars);
  if (maxLines !== undefined) {
    if (pages <= 0) return 0;
    let at = -1;
    for (let n = 0; n < pages * maxLines; n++) {
      at = text.indexOf('\n', at + 1);
      if (at < 0 || at >= end) return end;
    }
    end = at;
  }
  return end;
}

/** How many lines start at or after `from` (text[from] begins a line, or is the '\n' before one). */
export function linesFrom(text: string, from: number): number {
  if (from >= text.length) return 0;
  let n = text[from] === '\n' ? 0 : 1;
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

function download(text: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  a.download = 'output.txt';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function TextOutput({ text, folded }: { text: string; folded?: number }) {
  const t = useT();
  const lang = useLang();
  const isFolded = folded !== undefined;
  const [pages, setPages] = useState(isFolded ? 0 : 1);
  const end = useMemo(() => visibleEnd(text, pages, PAGE_CHARS, isFolded ? PAGE_LINES : undefined), [text, pages, isFolded]);
  const rest = text.length - end;
  const more = useMemo(() => (isFolded ? linesFrom(text, end) : 0), [isFolded, text, end]);
  const hidden = rest > 0;
  return (
    <div className="out-text-wrap">
      {end > 0 && <pre className="out-text" data-testid="out-text">{end < text.length ? text.slice(0, end) : text}</pre>}
      {hidden && (
        <p className="out-more" data-testid="out-more">
          {isFolded ? t('kernelMoreLines', { n: formatCount(more, lang) }) : t('kernelMoreText', { size: formatSize(rest) })}{' '}
          {rest > 0 && <button type="button" data-testid="show-more" onClick={() => setPages((p) => p + 1)}>{t('kernelShowMore')}</button>}{' '}
          <button type="button" data-testid="download-text" onClick={() => download(text)}>{t('kernelDownload')}</button>
        </p>
      )}
    </div>
  );
}
