// Every feature's task handlers, registered once. The pool's worker and the sequential path both
// import this module, so a task kind known to one is known to the other. Add one line per feature:
//   import { kmeansHandlers } from './kmeans/assign';
//   registerHandlers(kmeansHandlers);
import { handlers, registerHandlers } from './handlers';
import { fnHandlers } from './fnSource';
registerHandlers(fnHandlers);
import { kmeansHandlers } from './kmeans/assign';

registerHandlers(kmeansHandlers);
import { searchHandlers } from './search/trial';

registerHandlers(searchHandlers);

void registerHandlers; // (used by the lines above as features land)

export { handlers };
