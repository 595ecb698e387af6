// The Content-Security-Policy: one definition, sent as a header by `vite` (dev) and `vite preview`
// (vite.config.ts) and written as a <meta> into the built index.html for static hosts. Each source
// is here because the app needs it (checked in Chromium, e2e/hostile/page.spec.ts):
//   script-src 'self' 'wasm-unsafe-eval'  the app's own modules; compiling WebAssembly (wasm backend,
//                                         TF.js peer). No inline script, no eval on the page.
//   worker-src 'self' blob:               workers from the app's files (kernel, worker pool, wasm,
//                                         Monaco); blob: for Emscripten pthreads built from a Blob
//                                         (the TF.js wasm peer); a blob worker inherits this policy.
//   connect-src 'self'                    MNIST, .wasm and module fetches: the app's own origin only.
//   style-src 'self' 'unsafe-inline'      the app's CSS files; Monaco adds <style> elements at run
//                                         time and KaTeX's HTML sizes glyphs with style attributes.
//   img-src 'self' data: blob:            the favicon and data:/blob: images (Monaco, digit canvases).
//   font-src 'self'                       KaTeX and Monaco (codicon) fonts, emitted as files.
//   object-src, frame-src, base-uri, form-action 'none'; default-src 'none' for anything else.
//
// The kernel worker (src/notebook/kernel/kernel.worker.ts) runs cell code with `new AsyncFunction`,
// which is eval: its script response gets the same policy plus 'unsafe-eval' (KERNEL_CSP), and only
// it and the task pool's worker (src/tasks/pool.worker.ts: it rebuilds a cell's function from its source). A worker loaded from a URL takes its policy from its own response headers, not from the page,
// so this header is also what keeps a cell's fetch/import to another origin blocked (connect-src,
// script-src 'self'). A static host that cannot send headers gets the <meta> on the page only: the
// page is still covered, the kernel worker then runs without a policy of its own.

type Policy = Readonly<Record<string, readonly string[]>>;

export const PAGE_POLICY: Policy = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // header only: browsers ignore frame-ancestors in a <meta>
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta http-equiv> cannot carry (the browser ignores them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

function withSources(p: Policy, directive: string, extra: readonly string[]): Policy {
  return { ...p, [directive]: [...(p[directive] ?? []), ...extra] };
}

export function policyText(p: Policy, opts: { meta?: boolean } = {}): string {
  return Object.entries(p)
    .filter(([d]) => !(opts.meta && HEADER_ONLY.has(d)))
    .map(([d, s]) => `${d} ${s.join(' ')}`)
    .join('; ');
}

/** The page's policy (the app and the harness), as a header. */
export const PAGE_CSP = policyText(PAGE_POLICY);
/** The same policy for the built index.html's <meta>. */
export const META_CSP = policyText(PAGE_POLICY, { meta: true });
/** The kernel worker's: the page's plus 'unsafe-eval', because running a cell is evaluating its code. */
export const KERNEL_CSP = policyText(withSources(PAGE_POLICY, 'script-src', ["'unsafe-eval'"]));
/**
 * The test page (harness.html, never shipped): the page's plus script-src blob:, because the TF.js
 * wasm peer's pthread workers are Blobs that importScripts() another Blob (its Emscripten glue).
 */
const HARNESS_POLICY = withSources(PAGE_POLICY, 'script-src', ['blob:']);
export const HARNESS_CSP = policyText(HARNESS_POLICY);
export const HARNESS_META_CSP = policyText(HARNESS_POLICY, { meta: true });
/**
 * `vite` (dev) only: the React Refresh preamble is an inline <script> that Vite writes into the page,
 * so dev adds 'unsafe-inline' to script-src. The build and `vite preview` never send this one.
 */
export const DEV_PAGE_CSP = policyText(withSources(PAGE_POLICY, 'script-src', ["'unsafe-inline'"]));

/** The header for a request path: the kernel worker's script, the harness page, or the page's. */
export function cspFor(url: string, dev: boolean): string {
  if (isKernelWorkerPath(url)) return KERNEL_CSP;
  if (/^\/harness(\.html)?$/.test(url.split('?')[0])) return dev ? policyText(withSources(HARNESS_POLICY, 'script-src', ["'unsafe-inline'"])) : HARNESS_CSP;
  return dev ? DEV_PAGE_CSP : PAGE_CSP;
}

/** The kernel worker's script, in dev (`kernel.worker.ts?worker_file…`) and in the build (`assets/kernel.worker-<hash>.js`),
 * and the task pool's worker (src/tasks/pool.worker.ts), which rebuilds a cell's function from its source (`parallel().map`, `delayed`). */
export function isKernelWorkerPath(path: string): boolean {
  return /(^|\/)(kernel|pool)\.worker(\.ts|-[\w-]+\.js)$/.test(path.split('?')[0]);
}
