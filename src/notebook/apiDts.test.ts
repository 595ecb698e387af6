import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without types
import { generateApiDts, OUT } from '../../scripts/gen-api-dts.mjs';

it('the committed notebook-api.d.ts matches the real API (run `node scripts/gen-api-dts.mjs`)', () => {
  const fresh = generateApiDts() as string;
  expect(fresh).toContain('declare const train: (opts?: TrainOptions) => Promise<Run>;');
  expect(fresh).toContain('interface Run {');
  // a global script, not a module: one top-level export or import and no API name would be global
  expect(fresh.match(/^\s*(export|import)\b.*$/gm) ?? []).toEqual([]);
  expect(readFileSync(OUT as string, 'utf8')).toBe(fresh);
}, 60_000);
