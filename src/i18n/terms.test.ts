// Issue 16 §7: one Spanish term per concept. Accuracy (the share of right answers) is "exactitud"
// everywhere; "precisión" is kept for what it means in English: a classifier's precision (the
// confusion matrix's per-column share) or a number's precision (float32, double precision). Every
// "precisión" in the Spanish messages and lessons must be one of those, listed below.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Where "precisión" truly means precision: a confusion-matrix column, or floating-point precision. */
const ALLOWED: RegExp[] = [
  /confusion_precision: 'precisión'/, // precision per predicted digit (src/components/confusion)
  /precisión (simple|doble|media|de (coma|punto) flotante|numérica|finita|de float(32|64)?)/i,
  /(media|doble|simple|mixta) precisión/i,
  /«precisión» es solo precision/, // the Glossary page stating the rule itself
];

/** The lines that say "precisión" (or "preciso/precisa") for something not in ALLOWED. */
function accuracyCalledPrecision(text: string): string[] {
  return text.split('\n').filter((line) => /precisi[oó]n/i.test(line) && !ALLOWED.some((a) => a.test(line)));
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const i18nFiles = readdirSync(here('./')).filter((f) => f === 'es.ts' || f.endsWith('.es.ts')).map((f) => here(`./${f}`));
const lessonFiles = readdirSync(here('../lessons/es/')).filter((f) => f.endsWith('.md')).map((f) => here(`../lessons/es/${f}`));

describe('Spanish: "exactitud" for accuracy, "precisión" only for precision', () => {
  it('catches accuracy called precisión and lets real precision through', () => {
    expect(accuracyCalledPrecision("testAccuracy: 'Precisión en prueba: {acc} %'")).toHaveLength(1);
    expect(accuracyCalledPrecision('con una precisión del 91 %')).toHaveLength(1);
    expect(accuracyCalledPrecision("  confusion_precision: 'precisión',")).toEqual([]);
    expect(accuracyCalledPrecision('los float32 tienen precisión simple')).toEqual([]);
  });

  it('reads the Spanish messages and lessons (and they use exactitud)', () => {
    expect(i18nFiles.length).toBeGreaterThan(10);
    expect(lessonFiles.length).toBeGreaterThan(5);
    expect(i18nFiles.some((f) => readFileSync(f, 'utf8').includes('xactitud'))).toBe(true);
  });

  for (const file of [...i18nFiles, ...lessonFiles]) {
    it(`${file.split('/src/')[1]}: no "precisión" for accuracy`, () => {
      expect(accuracyCalledPrecision(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
