// Presentation mode's state (issue 13 §2): read from the URL (presentUrl.ts), written back to it when
// toggled (history.replaceState: no reload, nothing in the notebook changes), and shown as
// `data-present` on <html>, which present.css reads (larger type, hidden editors, bigger charts).
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { presentIn, withPresent } from './presentUrl';

/** Whether the page is in presentation mode (read by the cells: their editor is hidden until asked for). */
export const PresentContext = createContext(false);

export function usePresent(): boolean {
  return useContext(PresentContext);
}

const fromUrl = () => typeof location !== 'undefined' && presentIn(location.search, location.hash);

/** Writes the mode into the page's query (where it outlives a change of lesson), keeping the rest of the URL. */
function writeUrl(on: boolean): void {
  const { search, hash } = withPresent(location.search, location.hash, on);
  const url = `${location.pathname}${search}${hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
}

/** `[on, set]`: presentation mode as the URL says, and a setter that keeps the URL in step. */
export function usePresentation(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(fromUrl);
  useEffect(() => {
    // a link with `#/es/03?present` (the hash's query): the mode moves into the page's query, so it stays when the lesson changes
    const read = () => {
      const now = fromUrl();
      if (now) writeUrl(true);
      setOn(now);
    };
    read();
    window.addEventListener('hashchange', read);
    window.addEventListener('popstate', read);
    return () => {
      window.removeEventListener('hashchange', read);
      window.removeEventListener('popstate', read);
    };
  }, []);
  useEffect(() => {
    document.documentElement.toggleAttribute('data-present', on);
  }, [on]);
  const set = useCallback((next: boolean) => {
    writeUrl(next);
    setOn(next);
  }, []);
  return [on, set];
}
