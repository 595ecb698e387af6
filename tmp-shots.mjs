// TEMPORARY (not committed): screenshots of the offline status line in each state, size and theme.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const base = 'http://127.0.0.1:4350';
const sizes = [['phone', 390, 844], ['narrow', 360, 740], ['laptop', 1440, 900], ['projector', 1280, 720]];
const only = process.argv[2]; // 'ready' | 'offline' | 'update' | undefined (all)
mkdirSync('tmp-shots', { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--no-first-run'] });
for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
  const page = await context.newPage();
  const shoot = async (state) => {
    for (const [n, w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(150);
      await page.screenshot({ path: `tmp-shots/${state}-${scheme}-${n}.png` });
    }
  };
  await page.goto(`${base}/#/es/01`);
  await page.waitForSelector('[data-testid=offline-ready]', { timeout: 180_000 });
  if (!only || only === 'ready') await shoot('ready');
  if (!only || only === 'offline') {
    await context.setOffline(true);
    await page.waitForSelector('[data-testid=offline-offline]');
    await shoot('offline');
    await context.setOffline(false);
  }
  if (!only || only === 'update') {
    await context.route('**/sw.js', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: `${await res.text()}\n// next\n` });
    });
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    await page.waitForSelector('[data-testid=offline-update]', { timeout: 60_000 });
    await shoot('update');
  }
  await context.close();
}
await browser.close();
