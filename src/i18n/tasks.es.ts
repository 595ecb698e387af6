// La API de paralelismo de tareas de las celdas (issue 15 §1): parallel().map,
// delayed/compute/persist, show.graph y el flujo de tareas de un map o un grafo.
// tasks.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { tasksEn } from './tasks.en';

export const tasksEs: Record<keyof typeof tasksEn, string> = {
  tasksClosureVariable: '`{fn}` usa `{name}`, una variable de la celda: en un worker no existe (como con multiprocessing, la función viaja sin su entorno). Pásala como argumento.',
  tasksClosureApi: '`{fn}` usa `{name}`, parte de la API de la celda: en un worker no existe (como con multiprocessing, la función viaja sin su entorno). Llámala en la celda, con los resultados.',
  tasksNotSource: '`{fn}` no puede viajar como código (una función nativa o enlazada no tiene código JavaScript): envuélvela, p. ej. `x => Math.sqrt(x)`.',
  tasksNotFunction: '{what} necesita una función (recibió {got}).',
  tasksBadJobs: 'nJobs debe ser un entero de 1 a {max} (recibió {got}).',
  tasksBadBackend: "backend debe ser 'workers' o 'sequential' (recibió {got}).",
  tasksFailed: 'La tarea {task} falló en el worker {worker}: {message}',
  tasksFailedDone: 'Habían terminado {done} de {total} tareas (error.partial guarda sus resultados).',
  tasksNotNode: 'compute y persist reciben nodos hechos con delayed(fn)(…) (recibió {got}).',
  tasksStreamNeeds: 'show.taskStream necesita una ejecución de train() o lo que devolvió parallel().map, compute, persist, kmeans, search o bagging.',
  tasksStreamTitle: 'Flujo de tareas: {n} tareas en {w} workers ({ms} ms)',
  tasksStreamTitleSeq: 'Flujo de tareas: {n} tareas una tras otra ({ms} ms)',
  tasksGraphTitle: 'Grafo de tareas: {n} tareas',
  tasksGraphTitleRan: 'Grafo de tareas: {n} tareas, ejecutadas en {w} workers',
  tasksGraphLeftOut: 'Otras {n} tareas no se dibujan (un grafo muestra como mucho {max}).',
  tasksGraphNode: '{name}',
  tasksGraphOnWorker: 'worker {w} · {ms} ms',
  tasksGraphPersisted: 'guardado en el worker {w}',
  tasksGraphWaiting: 'aún sin calcular',
  tasksGraphEdges: 'Dependencias',
  tasksGraphNoEdges: 'sin dependencias: todas las tareas pueden ejecutarse a la vez',
  tasksGraphSummary: '{title}. {edges}',
  tasksGraphEdgeText: '{from} → {to}',
  tasksGraphNeeds: 'show.graph necesita un nodo hecho con delayed(fn)(…) o una lista de ellos.',
  outputProblem_graph: 'un grafo de tareas necesita como mucho {max} nodos con nombre y aristas entre nodos que existan',
};
