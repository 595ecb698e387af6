// What cell code must not reach from the kernel (issue 11). Cells share this worker's globals, so
// the kernel hides or wraps them once, before any cell runs:
// - `indexedDB` holds the student's saved edits: it is removed from the worker and reading it throws
//   a clear refusal (nothing in the kernel needs it). `caches` stays: the MNIST loader keeps its
//   downloads there, and the worst a cell can do with it is force a download again.
// - `fetch`, `XMLHttpRequest`, `WebSocket`, `EventSource` and `importScripts` refuse any address
//   outside the app's own origin, with a message. The page's Content-Security-Policy is the real
//   wall; this is what tells the student why.
// Every built-in the wrappers call is captured here, so a cell that later replaces
// `String.prototype.startsWith` or `Request` cannot talk them into letting an address through.
import { t, type MessageKey } from '../../i18n';

type RefusalKey = Extract<MessageKey, 'kernelRefusedOrigin' | 'kernelRefusedStorage' | 'kernelRefusedApi'>;

/** A refusal by the kernel; its text is made in the student's language when shown (localize.ts). */
export class RefusedError extends Error {
  constructor(readonly key: RefusalKey, readonly params: Record<string, string>) {
    super(t('en', key, params));
    this.name = 'SecurityError';
  }
}

const apply = Reflect.apply;
const startsWith = String.prototype.startsWith;

/** The address `href` (already resolved) refused for cell code, or null when it is the app's own
 * origin (or data:, or a blob: made by this origin). */
export function refusedHref(href: string, origin: string): string | null {
  const has = (p: string) => apply(startsWith, href, [p]) as boolean;
  if (href === origin || has(`${origin}/`) || has('data:') || has(`blob:${origin}/`)) return null;
  return href;
}

/** ws(s):// is checked as the http(s):// address of the same host. */
export function socketAsHttp(href: string): string {
  return href.replace(/^ws(s?):/i, 'http$1:');
}

function ownerOf(obj: object, name: string): object | null {
  for (let o: object | null = obj; o; o = Object.getPrototypeOf(o) as object | null) if (Object.prototype.hasOwnProperty.call(o, name)) return o;
  return null;
}

/** Replaces `name` on the object that defines it (the global or one of its prototypes) and shadows it on the global. */
function replaceGlobal(g: object, name: string, value: unknown, asGetter = false): void {
  const desc: PropertyDescriptor = asGetter ? { get: value as () => unknown, configurable: false, enumerable: false } : { value, writable: false, configurable: false, enumerable: false };
  const owner = ownerOf(g, name);
  if (owner && owner !== g) {
    try { Reflect.deleteProperty(owner, name); } catch { /* not configurable: the own property below shadows it */ }
  }
  try { Object.defineProperty(g, name, desc); } catch { /* already locked */ }
}

/** Hides and wraps what cells must not reach. Call once, in the worker, before any cell runs. */
export function guardGlobals(g: typeof globalThis = globalThis): void {
  const origin = g.location?.origin;
  if (!origin) return;
  const base = g.location.href;
  const RealURL = URL;
  const hrefOf = Object.getOwnPropertyDescriptor(URL.prototype, 'href')!.get!;
  const resolve = (u: unknown): string => apply(hrefOf, new RealURL(String(u), base), []) as string;
  const check = (href: string, shown = href) => {
    const bad = refusedHref(href, origin);
    if (bad !== null) throw new RefusedError('kernelRefusedOrigin', { url: shown });
  };

  replaceGlobal(g, 'indexedDB', () => { throw new RefusedError('kernelRefusedStorage', { name: 'indexedDB' }); }, true);

  if (typeof g.fetch === 'function' && typeof Request === 'function') {
    const realFetch = g.fetch;
    const RealRequest = Request;
    const urlOf = Object.getOwnPropertyDescriptor(Request.prototype, 'url')!.get!;
    const fetch = function fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      try {
        // the address is resolved once, here, and the check reads the Request that is then fetched
        const req = new RealRequest(input instanceof RealRequest ? input : resolve(input), init);
        check(apply(urlOf, req, []) as string);
        return apply(realFetch, g, [req]) as Promise<Response>;
      } catch (e) {
        return Promise.reject(e as Error);
      }
    };
    replaceGlobal(g, 'fetch', fetch);
  }

  if (typeof g.XMLHttpRequest === 'function') {
    const RealXHR = g.XMLHttpRequest;
    const open = RealXHR.prototype.open as (...a: unknown[]) => void;
    class XMLHttpRequest extends RealXHR {
      override open(method: string, url: string | URL, ...rest: unknown[]): void {
        const href = resolve(url);
        check(href);
        apply(open, this, [method, href, ...rest]);
      }
    }
    replaceGlobal(g, 'XMLHttpRequest', XMLHttpRequest);
  }

  for (const name of ['WebSocket', 'EventSource'] as const) {
    const Real = g[name] as (new (url: string, opts?: unknown) => object) | undefined;
    if (typeof Real !== 'function') continue;
    const Guarded = function (this: unknown, url: string | URL, opts?: unknown) {
      const href = resolve(url);
      check(socketAsHttp(href), href);
      return new Real(href, opts);
    };
    Guarded.prototype = Real.prototype;
    for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) if (k in Real) (Guarded as unknown as Record<string, unknown>)[k] = (Real as unknown as Record<string, unknown>)[k];
    replaceGlobal(g, name, Guarded);
  }

  const realImport = (g as { importScripts?: (...urls: string[]) => void }).importScripts;
  if (typeof realImport === 'function') {
    replaceGlobal(g, 'importScripts', function importScripts(...urls: unknown[]) {
      const hrefs = urls.map(resolve);
      for (const h of hrefs) check(h);
      apply(realImport, g, hrefs);
    });
  }
}
