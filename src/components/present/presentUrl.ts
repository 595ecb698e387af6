// Presentation mode lives in the URL, so an instructor can prepare a link that opens in it:
// `?present` in the page's query (`/?samples=2000&present#/es/03`), where it stays while the lessons
// change (they live in the hash). `#/es/03?present`, in the hash's own query (src/route.ts), is read
// too; turning the mode off removes it from both.

const isPresent = (part: string) => part.split('=')[0] === 'present';

/** The `&`-separated parts of a query (`?a=1&b` → ['a=1', 'b']). */
function parts(query: string): string[] {
  return query.replace(/^\?/, '').split('&').filter((p) => p !== '');
}

function hashQuery(hash: string): { path: string; query: string } {
  const q = hash.indexOf('?');
  return q < 0 ? { path: hash, query: '' } : { path: hash.slice(0, q), query: hash.slice(q + 1) };
}

/** Whether the page's query or the hash's query says `present` (a value other than 0/false counts as on). */
export function presentIn(search: string, hash: string): boolean {
  const on = (p: string) => isPresent(p) && !/^present=(0|false|no|off)$/i.test(p);
  return parts(search).some(on) || parts(hashQuery(hash).query).some(on);
}

/** The page's query and hash with presentation mode on or off; every other parameter is kept as written. */
export function withPresent(search: string, hash: string, on: boolean): { search: string; hash: string } {
  const rest = parts(search).filter((p) => !isPresent(p));
  const q = [...rest, ...(on ? ['present'] : [])];
  const { path, query } = hashQuery(hash);
  const hashRest = parts(query).filter((p) => !isPresent(p));
  return { search: q.length ? `?${q.join('&')}` : '', hash: hashRest.length ? `${path}?${hashRest.join('&')}` : path };
}
