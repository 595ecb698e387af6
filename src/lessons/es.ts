// The es lessons, parsed at build time into a chunk of their own (index.ts loads it).
import { parseLesson, type Lesson } from '../notebook/core/lesson';

const files = import.meta.glob('./es/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const lessons: Lesson[] = Object.entries(files)
  .map(([path, src]) => parseLesson(src, path.slice('./es/'.length, -'.md'.length), 'es'))
  .sort((a, b) => a.slug.localeCompare(b.slug));
