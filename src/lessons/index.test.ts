import { describe, expect, it } from 'vitest';
import { findLesson, lessons, lessonsLoaded, loadLessons, onLessonsLoaded } from '.';

describe('lessons, one chunk per language', () => {
  it('has none of a language before it is loaded, and all of them (in order) after', async () => {
    expect(lessonsLoaded('en')).toBe(false);
    expect(lessons('en')).toEqual([]);
    expect(findLesson('en', '00')).toBeUndefined();
    let told = 0;
    const off = onLessonsLoaded(() => { told++; });
    await loadLessons('en');
    off();
    expect(told).toBe(1);
    expect(lessonsLoaded('en')).toBe(true);
    expect(lessonsLoaded('es')).toBe(false); // only the language asked for
    const keys = lessons('en').map((l) => l.key);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys).toEqual([...keys].sort());
    expect(findLesson('en', '00')?.lang).toBe('en');
    expect(findLesson('en', lessons('en')[1].slug)?.key).toBe(keys[1]);
  });

  it('loads a language once', async () => {
    const a = loadLessons('es'), b = loadLessons('es');
    expect(a).toBe(b);
    await a;
    expect(lessons('es')).toBe(lessons('es'));
    expect(lessons('es').every((l) => l.lang === 'es')).toBe(true);
  });
});
