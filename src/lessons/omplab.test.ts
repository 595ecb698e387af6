// Lesson 05's OpenMP lab (issue 16 §3): the Spanish and English lessons run the same omp.* demos
// with the same arguments, every demo of the API is there, and each demo's cell comes right after
// the `#pragma omp` code it stands for.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../notebook/core/lesson';

const DEMOS = ['hello', 'sum', 'schedule', 'falseSharing', 'gradients'];

function lab(lang: string, file: string) {
  const lesson = parseLesson(readFileSync(fileURLToPath(new URL(`./${lang}/${file}.md`, import.meta.url)), 'utf8'), file, lang as 'es' | 'en');
  return lesson.cells.flatMap((c, i) => {
    if (c.kind !== 'code' || !/\bomp\./.test(c.source)) return [];
    const calls = [...c.source.matchAll(/omp\.(\w+)\((\{[^}]*\})?\)/g)].map((m) => `${m[1]}(${m[2] ?? ''})`);
    const loops = [...c.source.matchAll(/for \(const \w+ of (\[[^\]]*\])\)/g)].map((m) => m[1]);
    const before = lesson.cells.slice(0, i).reverse().find((x) => x.kind === 'markdown')?.source ?? '';
    return [{ calls, loops, pragma: /```c\n[\s\S]*#pragma omp[\s\S]*?```/.test(before) }];
  });
}

describe('lesson 05: the OpenMP lab', () => {
  const es = lab('es', '05-hilos-openmp');
  const en = lab('en', '05-threads-openmp');

  it('has the same omp.* calls, with the same arguments, in es and en', () => {
    expect(es.length).toBe(DEMOS.length);
    expect(en.map((c) => [c.calls, c.loops])).toEqual(es.map((c) => [c.calls, c.loops]));
  });

  it('runs every demo of the API, each after the #pragma omp code it stands for', () => {
    for (const cells of [es, en]) {
      expect([...new Set(cells.flatMap((c) => c.calls.map((x) => x.replace(/\(.*/, ''))))]).toEqual(DEMOS);
      expect(cells.map((c) => c.pragma)).toEqual(DEMOS.map(() => true));
    }
  });
});
