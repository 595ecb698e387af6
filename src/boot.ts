// The first module main.tsx imports, so it runs before the rest of the app is evaluated: the chunk
// of lessons for the language shown, and the shown lesson's HTML (issue 18 §5), start loading while
// React and the app are still being set up.
import { loadLessonExtras, loadLessons } from './lessons';
import { defaultRoute, parseRoute } from './route';

const route = parseRoute(location.hash) ?? defaultRoute(navigator.language);
// the lesson's HTML is not waited for: without it the page renders the cells itself
if (route.key) void loadLessonExtras(route.lang, route.key).catch(() => undefined);
export const lessonsLoading: Promise<void> = loadLessons(route.lang);
