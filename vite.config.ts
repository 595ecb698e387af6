import react from '@vitejs/plugin-react';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { defineConfig, type Plugin, type PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspFor, HARNESS_META_CSP, META_CSP } from './src/csp.ts';
import { PALETTES } from './src/design/tokens.ts';
import { offlineEs } from './src/i18n/offline.es.ts';
import { lessonsAtBuild } from './src/lessons/vite-plugin.ts';
import { wasmAssets } from './wasm/vite-plugin.ts';

// Threads (SharedArrayBuffer, WASM pthreads) need cross-origin isolation on every server we run.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Cells are JavaScript: the editor needs Monaco's editor and TypeScript workers only. Monaco's main
// module also registers the css/html/json language services, each of which bundles its own worker
// (2.25 MB never loaded); they are replaced by an empty module.
const UNUSED_MONACO_SERVICE = /[/\\]languages[/\\]features[/\\](css|html|json)[/\\]register\.js$/;
const EMPTY = '\0monaco-unused-language-service';
function monacoJavaScriptOnly(): Plugin {
  return {
    name: 'paralelo:monaco-javascript-only',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('monaco-editor') || !/(css|html|json)\/register\.js$/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && UNUSED_MONACO_SERVICE.test(r.id) ? EMPTY : null;
    },
    load: (id) => (id === EMPTY ? 'export {};' : null),
  };
}

// The Content-Security-Policy (src/csp.ts): a header on every response of `vite` and `vite preview`
// (the kernel worker's script gets its own, which allows eval for running cells) and a <meta> in the
// built HTML for static hosts. Registered first, so every later middleware's response carries it.
function contentSecurityPolicy(dev: boolean): Plugin {
  const set = (url: string | undefined, res: ServerResponse) => { res.setHeader('Content-Security-Policy', cspFor(url ?? '/', dev)); };
  return {
    name: 'paralelo:csp',
    configureServer: (server) => { server.middlewares.use((req, res, next) => { set(req.url, res); next(); }); },
    configurePreviewServer: (server) => { server.middlewares.use((req, res, next) => { set(req.url, res); next(); }); },
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        if (ctx.server) return [];
        const content = ctx.path.endsWith('harness.html') ? HARNESS_META_CSP : META_CSP;
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' }];
      },
    },
  };
}

// The harness page (harness.html: e2e tests and the bench drive it) is a test page and never ships
// in dist/. `vite build --mode harness` builds it alone into dist-test/, and `vite preview --mode
// harness` serves dist/ with dist-test/ laid over it, so the tests load the app exactly as built.
const HARNESS_OUT = 'dist-test';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
};
function harnessOverDist(): Plugin {
  const dir = resolve(HARNESS_OUT);
  return {
    name: 'paralelo:harness-over-dist',
    configurePreviewServer(server) {
      if (!existsSync(join(dir, 'harness.html'))) server.config.logger.warn(`${HARNESS_OUT}/harness.html is missing: run \`npm run build:harness\``);
      server.middlewares.use((req, res, next) => {
        let path: string;
        try { path = decodeURIComponent((req.url ?? '/').split('?')[0]); } catch { return next(); }
        const file = join(dir, path);
        if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        for (const [k, v] of Object.entries(isolation)) res.setHeader(k, v);
        res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
  };
}

// Offline and installable (issue 12 §6). vite-plugin-pwa writes the web app manifest and a Workbox
// service worker that precaches the built app: the page, JS and CSS, the kernel and pool workers,
// Monaco's editor and TypeScript workers, /wasm/ (our Emscripten builds, their pthread script), KaTeX's
// woff2 fonts and Monaco's codicon font, the icons; the lessons are in the JS. Never MNIST: a response
// the worker kept on its own would be unverified; the page fills the app's verified data cache instead
// (src/offline/mnistCache.ts). The cached responses keep the headers they were served with (COOP/COEP
// for isolation, the CSP, the kernel worker's own CSP), so an offline reload is isolated and guarded
// as before. No navigation fallback: '/' is precached as index.html and every other page (the harness)
// goes to the network, so the worker never answers one page with another. Query parameters are the
// app's own settings (quick mode `?samples=N`, an instructor's prepared link, `?present`), read by the
// page from location.search: they are ignored when matching, so such a link opens offline too.
// The worker is registered by src/offline/register.ts, in the build only; a new version waits for
// the student's Reload (registerType 'prompt'). Not in the harness build (dist-test/).
const PRECACHE_LIMIT = 8 * 1024 * 1024; // Monaco's TypeScript worker is the largest file (6.9 MB); the whole precache is ~18 MB, ~3.5 MB of it TF.js (lesson 11: chunks + .wasm)
function offlineApp(): PluginOption[] {
  const icon = (size: number, purpose: 'any' | 'maskable') => ({
    src: `/icons/icon${purpose === 'maskable' ? '-maskable' : ''}-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose,
  });
  return [
    VitePWA({
      injectRegister: false,
      includeManifestIcons: false, // the glob below has them (and the apple-touch-icon)
      registerType: 'prompt',
      manifest: {
        id: '/',
        name: offlineEs.manifestName,
        short_name: 'Paralelo',
        description: offlineEs.manifestDescription,
        lang: 'es',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: PALETTES.light.page,
        background_color: PALETTES.light.page,
        categories: ['education'],
        icons: [icon(192, 'any'), icon(512, 'any'), icon(192, 'maskable'), icon(512, 'maskable')],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,wasm,woff2,png,svg}', 'assets/codicon-*.ttf'],
        globIgnores: ['mnist/**'],
        maximumFileSizeToCacheInBytes: PRECACHE_LIMIT,
        navigateFallback: null,
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
      },
    }),
    {
      // the browser's bar in the page's colour, per theme; the icon iOS uses for the home screen
      name: 'paralelo:app-head',
      transformIndexHtml: (_html, ctx) => (ctx.path.endsWith('harness.html') ? [] : [
        { tag: 'meta', attrs: { name: 'theme-color', media: '(prefers-color-scheme: light)', content: PALETTES.light.page }, injectTo: 'head' },
        { tag: 'meta', attrs: { name: 'theme-color', media: '(prefers-color-scheme: dark)', content: PALETTES.dark.page }, injectTo: 'head' },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/apple-touch-icon.png' }, injectTo: 'head' },
      ]),
    },
  ];
}

// Libraries the first lesson needs (beside React, which stays in the entry), each in a chunk of its
// own (issue 18 §5): the browser fetches them in parallel with the entry (modulepreload), and they stay
// cached across the app's releases, which change the entry chunk only. Everything else (Monaco, charts, the other pages,
// the other language's lessons) is a dynamic import() loaded when it is used.
const VENDOR_CHUNKS = [
  { name: 'vendor-markdown', test: /[\\/]node_modules[\\/](markdown-it|entities|linkify-it|uc\.micro|mdurl|punycode\.js|dompurify)[\\/]/ },
  { name: 'vendor-katex', test: /[\\/]node_modules[\\/]katex[\\/]/ },
  { name: 'vendor-acorn', test: /[\\/]node_modules[\\/]acorn[\\/]/ },
];

// Warnings about how long plugins took vary with the machine's load; they are not about the app.
const quiet = { checks: { bundlerTimings: false } };

export default defineConfig(({ command, mode, isPreview }) => {
  const harness = mode === 'harness';
  return {
    plugins: [
      contentSecurityPolicy(command === 'serve' && !isPreview),
      react(),
      lessonsAtBuild(), // each lesson's Markdown rendered and knob use found at build time (src/lessons/compile.ts)
      wasmAssets(), // with the TF.js peer's .wasm files: the harness's bench and lesson 11's tfjs.train({ backend: 'wasm' })
      monacoJavaScriptOnly(),
      harness && isPreview ? harnessOverDist() : null,
      harness ? null : offlineApp(),
    ],
    server: { headers: isolation, host: '127.0.0.1', port: 5173 },
    preview: { headers: isolation, host: '127.0.0.1', port: 4173 },
    worker: { format: 'es', plugins: () => [monacoJavaScriptOnly(), lessonsAtBuild()], rolldownOptions: quiet },
    build: {
      target: 'es2022',
      // Monaco's editor chunk (~2.7 MB) is legitimately big and loaded lazily, only when a code
      // cell is shown; anything bigger than it should still warn.
      chunkSizeWarningLimit: 3000,
      // dist/: the app only. dist-test/: the harness alone (it reads MNIST and /wasm/ from dist/).
      outDir: harness && command === 'build' ? HARNESS_OUT : 'dist',
      copyPublicDir: !harness,
      // fonts stay files (font-src 'self'): Vite would inline the smallest KaTeX font as a data: URL
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
      rolldownOptions: {
        ...quiet, input: (harness ? { harness: 'harness.html' } : { main: 'index.html' }) as Record<string, string>,
        output: { codeSplitting: { groups: VENDOR_CHUNKS } },
      },
    },
    assetsInclude: ['**/*.wgsl'],
  };
});
