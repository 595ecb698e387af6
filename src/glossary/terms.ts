// The course's glossary, Spanish ↔ English (issue 16 §7): one entry per concept, the term the lessons
// use in each language and a one-line definition in each. The Spanish term is the one the lessons and
// outputs use (e.g. "exactitud" for accuracy; "precisión" only for precision). Shown by the Glossary
// page (#/es/glossary); src/glossary/terms.test.ts checks that every entry has both languages.
import type { Lang } from '../i18n';

export interface GlossaryText {
  /** the term as the course writes it in this language */
  readonly term: string;
  /** one line: what it means here */
  readonly def: string;
}

export interface GlossaryEntry {
  /** stable id (English, kebab-case) */
  readonly id: string;
  readonly es: GlossaryText;
  readonly en: GlossaryText;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { id: 'core', es: { term: 'núcleo', def: 'Unidad de una CPU que ejecuta instrucciones por su cuenta; n núcleos pueden hacer n cosas a la vez.' }, en: { term: 'core', def: 'A unit of a CPU that runs instructions on its own; n cores can do n things at once.' } },
  { id: 'process', es: { term: 'proceso', def: 'Programa en ejecución con su propia memoria; dos procesos solo se comunican con mensajes.' }, en: { term: 'process', def: 'A running program with its own memory; two processes talk only through messages.' } },
  { id: 'thread', es: { term: 'hilo', def: 'Camino de ejecución dentro de un proceso; los hilos de un proceso comparten su memoria.' }, en: { term: 'thread', def: 'A path of execution inside a process; the threads of a process share its memory.' } },
  { id: 'worker', es: { term: 'trabajador (worker)', def: 'Proceso o Web Worker que recibe tareas y devuelve resultados; en el navegador, un hilo con memoria propia.' }, en: { term: 'worker', def: 'A process or Web Worker that takes tasks and returns results; in the browser, a thread with its own memory.' } },
  { id: 'concurrency', es: { term: 'concurrencia', def: 'Varias tareas en curso a la vez, aunque se turnen en un solo núcleo.' }, en: { term: 'concurrency', def: 'Several tasks in progress at once, even if they take turns on one core.' } },
  { id: 'parallelism', es: { term: 'paralelismo', def: 'Varias tareas ejecutándose en el mismo instante, en núcleos o dispositivos distintos.' }, en: { term: 'parallelism', def: 'Several tasks running at the same instant, on different cores or devices.' } },
  { id: 'data-parallelism', es: { term: 'paralelismo de datos', def: 'Repartir los datos (un lote, un conjunto) entre trabajadores que hacen el mismo cálculo.' }, en: { term: 'data parallelism', def: 'Splitting the data (a batch, a data set) among workers that do the same computation.' } },
  { id: 'task-parallelism', es: { term: 'paralelismo de tareas', def: 'Repartir trabajos distintos e independientes (modelos, pruebas) entre trabajadores.' }, en: { term: 'task parallelism', def: 'Splitting different, independent jobs (models, trials) among workers.' } },
  { id: 'speedup', es: { term: 'aceleración (speedup)', def: 'S = tiempo con 1 trabajador ÷ tiempo con n; lo ideal es S = n.' }, en: { term: 'speedup', def: 'S = time with 1 worker ÷ time with n; ideally S = n.' } },
  { id: 'efficiency', es: { term: 'eficiencia', def: 'E = S / n: la parte del trabajo ideal que rinde cada trabajador (100 % es perfecto).' }, en: { term: 'efficiency', def: 'E = S / n: how much of its ideal share each worker delivers (100% is perfect).' } },
  { id: 'amdahl', es: { term: 'ley de Amdahl', def: 'Con una fracción serie f, la aceleración nunca pasa de 1/f por muchos núcleos que haya.' }, en: { term: "Amdahl's law", def: 'With a serial fraction f, the speedup never exceeds 1/f however many cores there are.' } },
  { id: 'gustafson', es: { term: 'ley de Gustafson', def: 'Si el problema crece con los núcleos, la aceleración escalada crece casi en línea recta.' }, en: { term: "Gustafson's law", def: 'If the problem grows with the cores, the scaled speedup grows almost in a straight line.' } },
  { id: 'serial-fraction', es: { term: 'fracción serie', def: 'Parte de un programa que no se puede repartir y corre en un solo núcleo.' }, en: { term: 'serial fraction', def: 'The part of a program that cannot be split and runs on one core.' } },
  { id: 'gil', es: { term: 'GIL', def: 'Cerrojo global del intérprete de Python: solo un hilo ejecuta código Python a la vez.' }, en: { term: 'GIL', def: "Python's global interpreter lock: only one thread runs Python code at a time." } },
  { id: 'shared-memory', es: { term: 'memoria compartida', def: 'Memoria que varios hilos leen y escriben directamente (SharedArrayBuffer en el navegador).' }, en: { term: 'shared memory', def: 'Memory that several threads read and write directly (SharedArrayBuffer in the browser).' } },
  { id: 'message-passing', es: { term: 'paso de mensajes', def: 'Comunicar procesos copiando o transfiriendo datos entre ellos (postMessage, pickle).' }, en: { term: 'message passing', def: 'Processes communicating by copying or transferring data between them (postMessage, pickle).' } },
  { id: 'race-condition', es: { term: 'condición de carrera', def: 'Resultado que depende del orden en que los hilos tocan un dato compartido; se pierden escrituras.' }, en: { term: 'race condition', def: 'A result that depends on the order threads touch shared data; writes get lost.' } },
  { id: 'critical-section', es: { term: 'sección crítica', def: 'Trozo de código que solo un hilo puede ejecutar a la vez (#pragma omp critical).' }, en: { term: 'critical section', def: 'A piece of code only one thread may run at a time (#pragma omp critical).' } },
  { id: 'atomic', es: { term: 'operación atómica', def: 'Lectura y escritura que ocurren como un solo paso indivisible (Atomics.add, omp atomic).' }, en: { term: 'atomic operation', def: 'A read and write that happen as one indivisible step (Atomics.add, omp atomic).' } },
  { id: 'reduction', es: { term: 'reducción', def: 'Combinar los resultados parciales de cada trabajador en uno (sumar gradientes, reduction(+:x)).' }, en: { term: 'reduction', def: "Combining each worker's partial results into one (summing gradients, reduction(+:x))." } },
  { id: 'barrier', es: { term: 'barrera', def: 'Punto en que cada hilo espera a que lleguen todos antes de seguir.' }, en: { term: 'barrier', def: 'A point where each thread waits until all have arrived before going on.' } },
  { id: 'false-sharing', es: { term: 'compartición falsa', def: 'Hilos que escriben datos distintos en la misma línea de caché y se frenan entre sí.' }, en: { term: 'false sharing', def: 'Threads writing different data on the same cache line and slowing each other down.' } },
  { id: 'scheduler', es: { term: 'planificador', def: 'Quien decide qué tarea corre en qué trabajador y cuándo.' }, en: { term: 'scheduler', def: 'What decides which task runs on which worker, and when.' } },
  { id: 'task-graph', es: { term: 'grafo de tareas', def: 'Tareas con sus dependencias; el planificador lanza cada una cuando sus entradas están listas (Dask).' }, en: { term: 'task graph', def: 'Tasks with their dependencies; the scheduler starts each once its inputs are ready (Dask).' } },
  { id: 'load-balancing', es: { term: 'equilibrado de carga', def: 'Repartir el trabajo para que ningún trabajador quede ocioso mientras otro termina.' }, en: { term: 'load balancing', def: 'Sharing the work so that no worker sits idle while another finishes.' } },
  { id: 'batch', es: { term: 'lote', def: 'Grupo de ejemplos cuyo gradiente se promedia para un solo paso de SGD.' }, en: { term: 'batch', def: 'A group of examples whose gradient is averaged for one SGD step.' } },
  { id: 'epoch', es: { term: 'época', def: 'Una pasada completa por el conjunto de entrenamiento.' }, en: { term: 'epoch', def: 'One full pass over the training set.' } },
  { id: 'learning-rate', es: { term: 'tasa de aprendizaje', def: 'Tamaño de cada paso de SGD en la dirección contraria al gradiente.' }, en: { term: 'learning rate', def: 'The size of each SGD step against the gradient.' } },
  { id: 'loss', es: { term: 'pérdida', def: 'Cuánto se equivoca la red en un lote (aquí, entropía cruzada); el entrenamiento la baja.' }, en: { term: 'loss', def: 'How wrong the network is on a batch (here, cross-entropy); training lowers it.' } },
  { id: 'accuracy', es: { term: 'exactitud', def: 'Proporción de imágenes de prueba clasificadas bien.' }, en: { term: 'accuracy', def: 'The share of test images classified correctly.' } },
  { id: 'precision', es: { term: 'precisión', def: 'De las imágenes predichas como un dígito, la proporción que lo era de verdad.' }, en: { term: 'precision', def: 'Of the images predicted as a digit, the share that truly were that digit.' } },
  { id: 'gradient', es: { term: 'gradiente', def: 'Derivadas de la pérdida respecto a cada peso; dicen hacia dónde moverlos.' }, en: { term: 'gradient', def: 'The derivatives of the loss with respect to each weight; they say which way to move them.' } },
  { id: 'backprop', es: { term: 'retropropagación', def: 'Cálculo del gradiente capa a capa, de la salida hacia la entrada, con la regla de la cadena.' }, en: { term: 'backpropagation', def: 'Computing the gradient layer by layer, from output back to input, with the chain rule.' } },
  { id: 'sgd', es: { term: 'SGD (descenso por gradiente estocástico)', def: 'Actualizar los pesos con el gradiente de cada lote, no del conjunto entero.' }, en: { term: 'SGD (stochastic gradient descent)', def: 'Updating the weights with the gradient of each batch, not of the whole set.' } },
  { id: 'kernel-gpu', es: { term: 'kernel (GPU)', def: 'Función que la GPU ejecuta en miles de hilos a la vez, uno por elemento.' }, en: { term: 'kernel (GPU)', def: 'A function the GPU runs on thousands of threads at once, one per element.' } },
  { id: 'workgroup', es: { term: 'grupo de trabajo (bloque)', def: 'Hilos de GPU que corren juntos y comparten memoria rápida (workgroup en WebGPU, block en CUDA).' }, en: { term: 'workgroup (block)', def: 'GPU threads that run together and share fast memory (workgroup in WebGPU, block in CUDA).' } },
  { id: 'h2d', es: { term: 'H2D (host a dispositivo)', def: 'Copia de datos de la memoria de la CPU a la de la GPU.' }, en: { term: 'H2D (host to device)', def: "A copy of data from the CPU's memory to the GPU's." } },
  { id: 'd2h', es: { term: 'D2H (dispositivo a host)', def: 'Copia de resultados de la GPU de vuelta a la CPU; obliga a esperar a que la GPU termine.' }, en: { term: 'D2H (device to host)', def: 'A copy of results from the GPU back to the CPU; it has to wait for the GPU to finish.' } },
  { id: 'simd', es: { term: 'SIMD', def: 'Una instrucción que opera sobre varios números a la vez (4 floats en WebAssembly).' }, en: { term: 'SIMD', def: 'One instruction working on several numbers at once (4 floats in WebAssembly).' } },
  { id: 'throughput', es: { term: 'rendimiento (muestras/s)', def: 'Cuántos ejemplos se procesan por segundo.' }, en: { term: 'throughput (samples/s)', def: 'How many examples are processed per second.' } },
];

/** The entries in `lang`'s alphabetical order of their terms. */
export function glossaryIn(lang: Lang): GlossaryEntry[] {
  return [...GLOSSARY].sort((a, b) => a[lang].term.localeCompare(b[lang].term, lang, { sensitivity: 'base' }));
}

/** The entries whose term or definition, in either language, contains `query` (case and accents ignored). */
export function filterGlossary(entries: readonly GlossaryEntry[], query: string): GlossaryEntry[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const q = fold(query.trim());
  if (!q) return [...entries];
  return entries.filter((e) => [e.es.term, e.en.term, e.es.def, e.en.def].some((s) => fold(s).includes(q)));
}
