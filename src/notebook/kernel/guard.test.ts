import { afterEach, expect, it } from 'vitest';
import { guardGlobals, RefusedError, refusedHref, socketAsHttp } from './guard';
import { localizeError } from './localize';

const ORIGIN = 'http://127.0.0.1:4173';

it('lets through only the app\'s own origin, data: and this origin\'s blob: addresses', () => {
  for (const ok of [ORIGIN, `${ORIGIN}/`, `${ORIGIN}/mnist/train.gz`, 'data:text/plain,hi', `blob:${ORIGIN}/1234`]) expect(refusedHref(ok, ORIGIN), ok).toBeNull();
  for (const bad of ['https://example.com/', `${ORIGIN}.evil.com/`, 'http://127.0.0.1:4174/', 'https://127.0.0.1:4173/', 'blob:https://example.com/1', 'javascript:alert(1)']) expect(refusedHref(bad, ORIGIN), bad).toBe(bad);
  expect(socketAsHttp('wss://example.com/x')).toBe('https://example.com/x');
  expect(socketAsHttp('ws://127.0.0.1:4173/')).toBe('http://127.0.0.1:4173/');
});

/** A stand-in for the worker's global: `indexedDB` and `fetch` live on its prototype, as in Chromium. */
function fakeGlobal() {
  const fetched: Request[] = [];
  class XHR { opened: unknown[] = []; open(...a: unknown[]) { this.opened = a; } }
  class Socket { constructor(readonly url: string) {} }
  const proto = {
    indexedDB: { deleteDatabase: () => 'deleted' },
    fetch: (r: Request) => { fetched.push(r); return Promise.resolve(new Response('ok')); },
  };
  const g = Object.assign(Object.create(proto) as Record<string, unknown>, {
    location: new URL(`${ORIGIN}/assets/kernel.js`), XMLHttpRequest: XHR, WebSocket: Socket, EventSource: Socket,
  });
  return { g: g as unknown as typeof globalThis & Record<string, unknown>, proto, fetched };
}

const realStartsWith = String.prototype.startsWith;
afterEach(() => { String.prototype.startsWith = realStartsWith; });

it('hides indexedDB from cells with a refusal in the student\'s language, even through the prototype', () => {
  const { g, proto } = fakeGlobal();
  guardGlobals(g);
  let e: unknown;
  try { (g.indexedDB as IDBFactory).deleteDatabase('paralelo'); } catch (x) { e = x; }
  expect(e).toBeInstanceOf(RefusedError);
  expect(localizeError(e, 'es')).toBe('las celdas no pueden usar indexedDB: guarda tus ediciones');
  expect((e as Error).message).toBe('cells cannot use indexedDB: it holds your saved edits');
  expect('indexedDB' in proto).toBe(false);
  expect(() => { (g as Record<string, unknown>).indexedDB = 1; }).toThrow(); // not writable (modules are strict)
  expect(() => Object.defineProperty(g, 'indexedDB', { value: 1 })).toThrow();
});

it('refuses fetch to another origin, resolves the address once, and lets the app\'s own through', async () => {
  const { g, fetched } = fakeGlobal();
  guardGlobals(g);
  await expect(g.fetch('/mnist/train.gz')).resolves.toBeInstanceOf(Response);
  expect(fetched.map((r) => r.url)).toEqual([`${ORIGIN}/mnist/train.gz`]);
  const refused = await g.fetch('https://example.com/steal?x=1').catch((e: unknown) => e);
  expect(localizeError(refused, 'en')).toBe('cells may only reach this app\'s own address; https://example.com/steal?x=1 was refused');
  // an address that changes each time it is read is read once, and that address is the one fetched
  let reads = 0;
  const shifty = { toString: () => (reads++ === 0 ? '/ok' : 'https://example.com/') };
  await g.fetch(shifty as unknown as string);
  expect(fetched.at(-1)!.url).toBe(`${ORIGIN}/ok`);
  // replacing a built-in the check uses, after the guard is in place, changes nothing
  String.prototype.startsWith = () => true;
  await expect(g.fetch('https://example.com/')).rejects.toBeInstanceOf(RefusedError);
  expect(fetched).toHaveLength(2);
});

it('refuses XMLHttpRequest, WebSocket and EventSource to other origins', () => {
  const { g } = fakeGlobal();
  guardGlobals(g);
  const X = g.XMLHttpRequest as unknown as new () => { open(m: string, u: string): void; opened: unknown[] };
  const x = new X();
  x.open('GET', '/data.json');
  expect(x.opened).toEqual(['GET', `${ORIGIN}/data.json`]);
  expect(() => new X().open('GET', 'https://example.com/')).toThrow(RefusedError);
  const WS = g.WebSocket as unknown as new (u: string) => { url: string };
  expect(new WS('ws://127.0.0.1:4173/live').url).toBe('ws://127.0.0.1:4173/live');
  expect(() => new WS('wss://example.com/')).toThrow(/wss:\/\/example\.com\/ was refused/);
  const ES = g.EventSource as unknown as new (u: string) => unknown;
  expect(() => new ES('//example.com/events')).toThrow(RefusedError);
});
