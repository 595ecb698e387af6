// npm run check:wasm — rebuilds wasm/*.c into a temporary folder and compares it with the committed
// wasm/dist byte for byte: fails when they differ (someone changed the C without rebuilding).
// Without emcc: fails when CI=true, otherwise warns and exits 0 (the committed build is used as is).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, emccAvailable } from './build.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), 'dist');

if (!emccAvailable()) {
  const msg = 'check:wasm: emcc (Emscripten) is not installed, so wasm/dist cannot be checked against wasm/*.c (Debian: apt-get install emscripten).';
  if (process.env.CI === 'true') {
    console.error(`${msg} CI=true: failing.`);
    process.exit(1);
  }
  console.warn(`WARNING: ${msg} Skipped.`);
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'paralelo-wasm-'));
try {
  build(tmp);
  const committed = readdirSync(dist).sort();
  const fresh = readdirSync(tmp).sort();
  const problems = [];
  for (const f of new Set([...committed, ...fresh])) {
    if (!committed.includes(f)) problems.push(`${f}: built but not in wasm/dist`);
    else if (!fresh.includes(f)) problems.push(`${f}: in wasm/dist but no longer built`);
    else if (!readFileSync(join(dist, f)).equals(readFileSync(join(tmp, f)))) problems.push(`${f}: differs from a fresh build`);
  }
  if (problems.length) {
    console.error(`check:wasm: wasm/dist is stale — run \`npm run build:wasm\` and commit:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`check:wasm: wasm/dist matches a fresh build (${committed.length} files)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
