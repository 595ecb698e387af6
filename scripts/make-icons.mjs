// Writes the app's icons (public/icons/*.png) for the web app manifest and iOS's home screen: the
// favicon's three parallel lanes (public/favicon.svg) in the light theme's accent, drawn by Chromium.
// "any": the rounded square, transparent corners. "maskable": full bleed, the lanes well inside the
// safe zone (a circle of 40% of the size), since the launcher cuts its own shape out of it.
// Run after changing the design: `node scripts/make-icons.mjs` (uses the e2e tests' Chromium).
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ACCENT = '#1f5fbf'; // PALETTES.light.accent (src/design/tokens.ts), the favicon's blue

/** Three lanes scaled by `k` about the centre of a 512 square (k = 1: the favicon's proportions). */
function lanes(k) {
  const c = 256;
  const [dx, dy, w] = [112 * k, 144 * k, 48 * k];
  return [-dx, 0, dx].map((x) => `<path d="M${c + x} ${c - dy}V${c + dy}" stroke="#fff" stroke-width="${w}" stroke-linecap="round"/>`).join('');
}
const any = `<rect width="512" height="512" rx="96" fill="${ACCENT}"/>${lanes(1)}`;
const maskable = `<rect width="512" height="512" fill="${ACCENT}"/>${lanes(0.8)}`;

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, body, size] of [
  ['icon-192.png', any, 192], ['icon-512.png', any, 512],
  ['icon-maskable-192.png', maskable, 192], ['icon-maskable-512.png', maskable, 512],
  ['apple-touch-icon.png', maskable, 180],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="${size}" height="${size}" style="display:block">${body}</svg></body>`);
  await page.screenshot({ path: new URL(name, out).pathname, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
