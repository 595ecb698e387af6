// The en lessons, parsed at build time into a chunk of their own (index.ts loads it).
import { parseLesson, type Lesson } from '../notebook/core/lesson';

const files = import.meta.glob('./en/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const lessons: Lesson[] = Object.entries(files)
  .map(([path, src]) => parseLesson(src, path.slice('./en/'.length, -'.md'.length), 'en'))
  .sort((a, b) => a.slug.localeCompare(b.slug));
