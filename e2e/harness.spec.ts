import { expect, test } from './fixtures';

test('the app is cross-origin isolated (threads and SharedArrayBuffer allowed)', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  expect(await page.evaluate(() => window.harness.crossOriginIsolated())).toBe(true);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
});

test('loads the real MNIST in the browser', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  expect(await page.evaluate(() => window.harness.loadMnist())).toEqual({ train: 60000, test: 10000 });
});
