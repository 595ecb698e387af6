// Same browser and flags as the e2e tests (e2e/chromium.ts): Debian's Chromium, WebGPU on SwiftShader.
export const CHROMIUM_PATH_JS = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS_JS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];
