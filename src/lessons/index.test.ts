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

describe('lesson extras, a chunk per lesson (issue 18 §5)', () => {
  it('gives each Markdown cell its HTML and each code cell its knob use, as the page would find them', async () => {
    const { renderMarkdown } = await import('../notebook/core/markdown');
    const { staticKnobUse } = await import('../notebook/core/knobUse');
    const { knobUseSeed } = await import('../notebook/core/knobUseSeed');
    const { loadLessonExtras } = await import('.');
    await loadLessons('en');
    const lesson = findLesson('en', '04')!;
    expect(lesson.cells.some((c) => c.html !== undefined)).toBe(false); // not before its extras load
    await loadLessonExtras('en', '04'); // by key, as the address has it
    for (const c of lesson.cells) {
      if (c.kind === 'markdown') expect(c.html).toBe(renderMarkdown(c.source));
      else {
        const seed = knobUseSeed(c.source)!;
        const found = staticKnobUse(`${c.source}\n`); // the same code, parsed here (a different source: no seed)
        expect(seed.trains).toBe(found.trains);
        expect(new Set(seed.backends)).toEqual(found.backends);
        expect(seed.roles).toEqual(found.roles);
        expect(new Set(seed.direct)).toEqual(found.direct);
      }
    }
    expect(findLesson('en', '05')!.cells.some((c) => c.html !== undefined)).toBe(false); // only the lesson asked for
    await expect(loadLessonExtras('en', 'imported')).resolves.toBeUndefined(); // not a lesson: nothing to load
  });

  it('uses the seed for an unedited cell instead of parsing it', async () => {
    const { seedKnobUse } = await import('../notebook/core/knobUseSeed');
    const { staticKnobUse } = await import('../notebook/core/knobUse');
    const src = 'await train({ backend: "js" }) // seeded';
    seedKnobUse(src, { trains: false, backends: [], roles: {}, direct: [] }); // deliberately unlike what parsing finds
    expect(staticKnobUse(src).trains).toBe(false);
    expect(staticKnobUse('await train({ backend: "js" }) // not seeded').trains).toBe(true);
  });
});
