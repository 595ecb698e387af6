// Same browser and flags as the e2e tests (e2e/chromium.ts): Debian's Chromium, WebGPU on SwiftShader.
export const CHROMIUM_PATH_JS = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS_JS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** `fn(fresh)` in a fresh harness page (a context of its own), closed afterwards with all it started. */
export async function inFreshPage(page, fn) {
  const fresh = await page.context().browser().newPage();
  try {
    await fresh.goto(page.url());
    await fresh.waitForFunction(() => document.getElementById('status')?.textContent === 'harness ready');
    return await fn(fresh);
  } finally {
    await fresh.close();
  }
}
