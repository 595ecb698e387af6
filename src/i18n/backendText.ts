// What the backends say, in the student's language. Backends describe themselves and their
// measurements in English (the bench and the tests read those texts); as with gettext, the English
// text is the message id and this table gives its Spanish. A text is translated whole when a rule
// matches it, else clause by clause ('; ' separates clauses); a clause no rule knows stays English.
// backendText.test.ts produces every text the backends can emit and checks that each is covered.
import type { Lang } from './index';

type Translate = (text: string) => string;
type Rule = readonly [RegExp, string | ((m: RegExpMatchArray, tr: Translate) => string)];

const ES: readonly Rule[] = [
  // breakdown parts (chart legends)
  [/^compute$/, 'cómputo'],
  [/^barrier wait$/, 'espera en barrera'],
  [/^serial$/, 'en serie'],
  [/^messaging$/, 'mensajes'],
  [/^waiting \(load imbalance\)$/, 'espera (desequilibrio de carga)'],
  [/^reduction \+ update$/, 'reducción + actualización'],
  [/^other$/, 'otros'],
  [/^kernel$/, 'kernel'], // the same word in Spanish
  [/^host→device$/, 'anfitrión→dispositivo'],
  [/^device→host$/, 'dispositivo→anfitrión'],

  // how each part was measured
  [/^performance\.now\(\) around the epoch \(one thread\)$/, 'performance.now() alrededor de la época (un hilo)'],
  [/^performance\.now\(\) in each worker around its shard$/, 'performance.now() en cada worker alrededor de su fragmento'],
  [/^mean over busy workers, summed over batches$/, 'media de los workers ocupados, sumada sobre los lotes'],
  [/^slowest shard − mean shard per batch, summed$/, 'fragmento más lento − fragmento medio en cada lote, sumado'],
  [/^coordinator's dispatch→all-shards-back time minus the slowest shard, per batch, summed$/,
    'tiempo del coordinador desde el envío hasta tener todos los fragmentos, menos el fragmento más lento, en cada lote, sumado'],
  [/^performance\.now\(\) on the coordinator around the shard sum and the SGD update$/,
    'performance.now() en el coordinador alrededor de la suma de fragmentos y la actualización SGD'],
  [/^epoch wall time minus the parts above \(epoch start\/stop, progress, yields\)$/,
    'tiempo real de la época menos las partes anteriores (inicio y fin de época, progreso, cesiones del hilo)'],
  [/^emscripten_get_now\(\) \(performance\.now\(\)\) around every piece of every parallel_for, summed and divided by the region's threads \(mean busy time per thread\)$/,
    'emscripten_get_now() (performance.now()) alrededor de cada trozo de cada parallel_for, sumado y dividido entre los hilos de la región (tiempo ocupado medio por hilo)'],
  [/^wall time of each parallel region minus its mean busy time per thread: waking threads, waiting for the last piece at the join, threads the OS paused$/,
    'tiempo real de cada región paralela menos su tiempo ocupado medio por hilo: despertar hilos, esperar el último trozo en la unión, hilos que el sistema operativo pausó'],
  [/^time inside the C epoch loop outside parallel regions, one thread: (.*)$/, (m) =>
    `tiempo dentro del bucle de época en C fuera de las regiones paralelas, un hilo: ${m[1].replace('the loss sum, and loops too small to split (under PARALLEL_MIN_WORK, such as', 'la suma de la pérdida y los bucles demasiado pequeños para repartirlos (por debajo de PARALLEL_MIN_WORK, como')}`],
  [/^epoch wall time \(performance\.now\(\) here\) minus time inside the C loop: order upload and one comlink round trip per chunk$/,
    'tiempo real de la época (performance.now() aquí) menos el tiempo dentro del bucle en C: subida del orden y un viaje de ida y vuelta de comlink por tanda'],
  [/^performance\.now\(\) from writeBuffer until queue\.onSubmittedWorkDone\(\), (\d+) upload\(s\), (.+)$/,
    'performance.now() desde writeBuffer hasta queue.onSubmittedWorkDone(), $1 subida(s), $2'],
  [/^timestamp-query around each kernel on (.+) \((\d+) of (\d+) steps\), mean per kernel × dispatches$/, (m, tr) =>
    `timestamp-query alrededor de cada kernel ${tr(m[1])} (${m[2]} de ${m[3]} pasos), media por kernel × lanzamientos`],
  [/^every step$/, 'en cada paso'],
  [/^every (\d+)\w\w step$/, 'en uno de cada $1 pasos'],
  [/^nanosecond timestamps$/, 'marcas de tiempo en nanosegundos'],
  [/^unknown resolution$/, 'resolución desconocida'],
  [/^timestamps quantised to (.+?)( by the browser)?$/, (m) => `marcas de tiempo redondeadas a ${m[1]}${m[2] ? ' por el navegador' : ''}`],
  [/^performance\.now\(\) around copy \+ mapAsync\(\) of the losses after the GPU went idle, (\d+) read-back\(s\), (.+)$/,
    'performance.now() alrededor de la copia + mapAsync() de las pérdidas cuando la GPU ya estaba libre, $1 lectura(s), $2'],
  [/^kernel time not available \(the adapter has no timestamp-query\), so it is inside this part$/,
    'tiempo de kernel no disponible (el adaptador no tiene timestamp-query), así que está dentro de esta parte'],
  [/^epoch wall time minus the parts above: gaps between kernels \(launch cost\), command encoding, host-side work( \(the JS gather of each batch\))?$/, (m) =>
    'tiempo real de la época menos las partes anteriores: huecos entre kernels (coste de lanzamiento), codificación de órdenes, trabajo en el anfitrión' +
    (m[1] ? ' (la preparación en JS de cada lote)' : '')],
  [/^clamped at 0 \(the parts overlap by (.+) ms\)$/, 'recortado a 0 (las partes se solapan en $1 ms)'],

  // what each backend is running
  [/^sequential TypeScript$/, 'TypeScript secuencial'],
  [/^worker pool \(not initialised\)$/, 'pool de workers (sin inicializar)'],
  [/^(\d+) workers?, (.+) \(([^()]+)\)$/, (m, tr) => `${m[1]} worker${m[1] === '1' ? '' : 's'}, ${tr(m[2])} (${tr(m[3])})`],
  [/^shared memory, batches signalled with Atomics$/, 'memoria compartida, lotes señalizados con Atomics'],
  [/^shared memory, one message per worker per batch$/, 'memoria compartida, un mensaje por worker y lote'],
  [/^message passing: model copied to each worker per batch, gradients transferred back$/,
    'paso de mensajes: el modelo se copia a cada worker en cada lote y los gradientes vuelven transferidos'],
  [/^forceTransfer option$/, 'opción forceTransfer'],
  [/^not cross-origin isolated$/, 'sin aislamiento de origen cruzado'],
  [/^dispatch option$/, 'opción dispatch'],
  [/^no Atomics\.waitAsync$/, 'sin Atomics.waitAsync'],
  [/^crossOriginIsolated$/, 'crossOriginIsolated'], // the name of the browser's flag
  [/^forceTransfer option set: the non-shared fallback is used on purpose$/, 'opción forceTransfer activada: se usa a propósito la alternativa sin memoria compartida'],
  [/^the page is not cross-origin isolated, so SharedArrayBuffer is unavailable: each worker keeps its own copy of the data and the model travels by message$/,
    'la página no tiene aislamiento de origen cruzado, así que no hay SharedArrayBuffer: cada worker guarda su propia copia de los datos y el modelo viaja por mensajes'],
  [/^dispatch "messages" option: shared memory, but each batch is started by a comlink call$/,
    'opción dispatch "messages": memoria compartida, pero cada lote empieza con una llamada de comlink'],
  [/^shared memory available, but Atomics\.waitAsync is missing in this browser: each batch is started by a comlink call$/,
    'hay memoria compartida, pero este navegador no tiene Atomics.waitAsync: cada lote empieza con una llamada de comlink'],
  [/^crossOriginIsolated: parameters and training set in SharedArrayBuffers \(loaded once\), batches signalled through a shared control block with Atomics$/,
    'crossOriginIsolated: parámetros y conjunto de entrenamiento en SharedArrayBuffers (cargados una vez), lotes señalizados con Atomics en un bloque de control compartido'],
  [/^first (\d+) of (\d+) batches \(worker −1 = coordinator\)$/, 'primeros $1 de $2 lotes (worker −1 = coordinador)'],
  [/^C → WASM \(not initialised\)$/, 'C → WASM (sin inicializar)'],
  [/^C → WASM, scalar, 1 thread \(the sequential-C baseline\)$/, 'C → WASM, escalar, 1 hilo (la línea base de C secuencial)'],
  [/^C → WASM, SIMD128, 1 thread$/, 'C → WASM, SIMD128, 1 hilo'],
  [/^C → WASM, SIMD128, (\d+) threads \(pthreads, shared memory\)$/, 'C → WASM, SIMD128, $1 hilos (pthreads, memoria compartida)'],
  [/^this browser has no WebAssembly SIMD$/, 'este navegador no tiene WebAssembly SIMD'],
  [/^running the scalar single-thread build$/, 'se ejecuta la versión escalar de un hilo'],
  [/^the scalar build is the single-thread sequential-C baseline$/, 'la versión escalar es la línea base de C secuencial, de un hilo'],
  [/^running 1 thread instead of (\d+)$/, 'se ejecuta 1 hilo en vez de $1'],
  [/^threads need SharedArrayBuffer, which needs a cross-origin-isolated page \(COOP\/COEP headers\)$/,
    'los hilos necesitan SharedArrayBuffer, que necesita una página con aislamiento de origen cruzado (cabeceras COOP/COEP)'],
  [/^running the single-thread SIMD build instead of (\d+) threads$/, 'se ejecuta la versión SIMD de un hilo en vez de $1 hilos'],
  [/^scalar$/, 'escalar'],
  [/^as requested$/, 'según lo pedido'],
  [/^naive: each batch uploaded, loss read back every step( on (.+))?$/, (m) => `ingenuo: cada lote se sube y la pérdida se lee en cada paso${m[2] ? ` en ${m[2]}` : ''}`],
  [/^resident: data and weights on the GPU, loss read back (once per epoch|every (\d+) steps)( on (.+))?$/, (m) =>
    `residente: datos y pesos en la GPU, la pérdida se lee ${m[2] ? `cada ${m[2]} pasos` : 'una vez por época'}${m[4] ? ` en ${m[4]}` : ''}`],
  [/^timestamp-query, (.+)$/, (m, tr) => `timestamp-query, ${tr(m[1])}`],
  [/^not available \(no timestamp-query on this adapter\)$/, 'no disponible (este adaptador no tiene timestamp-query)'],

  // why a backend cannot run here
  [/^Web Workers are not available in this context, so there is no pool to run on$/, 'Web Workers no está disponible en este contexto, así que no hay pool en el que ejecutar'],
  [/^this browser has no WebAssembly$/, 'este navegador no tiene WebAssembly'],
  [/^this context cannot start a Web Worker \(the C code runs in one\)$/, 'este contexto no puede arrancar un Web Worker (el código C se ejecuta en uno)'],
  [/^WebGPU needs a secure context \(https or localhost\)$/, 'WebGPU necesita un contexto seguro (https o localhost)'],
  [/^WebGPU is not available in this browser \(navigator\.gpu is missing\)$/, 'WebGPU no está disponible en este navegador (no existe navigator.gpu)'],
  [/^no WebGPU adapter was found \(navigator\.gpu\.requestAdapter\(\) returned null\)$/, 'no se encontró ningún adaptador WebGPU (navigator.gpu.requestAdapter() devolvió null)'],
  [/^requesting a WebGPU adapter failed: (.*)$/, 'falló la petición de un adaptador WebGPU: $1'],

  // errors a student can meet
  [/^backend "(\w+)" is not supported here: (.*)$/, (m, tr) => `el backend "${m[1]}" no funciona aquí: ${tr(m[2])}`],
  [/^workers backend: worker (\d+) failed( during batch (\d+))?: (.*?)\. The run stopped$/, (m) =>
    `backend workers: el worker ${m[1]} falló${m[2] ? ` durante el lote ${m[3]}` : ''}: ${m[4]}. La ejecución se detuvo`],
  [/^the model keeps the parameters of the last completed batch \((\d+) applied this epoch\)$/,
    'el modelo conserva los parámetros del último lote completado ($1 aplicados en esta época)'],
  [/^the pool is rebuilt on the next run\.$/, 'el pool se reconstruye en la siguiente ejecución.'],
  [/^webgpu: the GPU device was lost \(reason: (.*)\)\. The run was stopped and the weights on the GPU are gone; initialise the backend again to continue\.$/s,
    'webgpu: se perdió el dispositivo GPU (motivo: $1). La ejecución se detuvo y los pesos de la GPU se han perdido; vuelve a inicializar el backend para continuar.'],
  [/^webgpu: (.+) does not fit this device: (.*)$/s, 'webgpu: $1 no cabe en este dispositivo: $2'],
];

function translateClause(rules: readonly Rule[], text: string, tr: Translate): string | null {
  for (const [re, out] of rules) {
    const m = text.match(re);
    if (!m) continue;
    return typeof out === 'string' ? text.replace(re, out) : out(m, tr);
  }
  return null;
}

/** `text` as the student should read it in `lang` (unchanged in English, or when no rule knows it). */
export function localizeBackendText(lang: Lang, text: string): string {
  if (lang === 'en' || !text) return text;
  const tr: Translate = (s) => localizeBackendText(lang, s);
  return translateClause(ES, text, tr)
    ?? text.split('; ').map((clause) => translateClause(ES, clause, tr) ?? clause).join('; ');
}

/** Whether a Spanish rule covers `text` whole or clause by clause (for the coverage test). */
export function coveredInSpanish(text: string): boolean {
  const tr: Translate = (s) => localizeBackendText('es', s);
  return translateClause(ES, text, tr) !== null || text.split('; ').every((c) => translateClause(ES, c, tr) !== null);
}
