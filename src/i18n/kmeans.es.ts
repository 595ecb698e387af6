// kmeans() (issue 15 §4): k-means sobre los píxeles de MNIST como map-reduce en el pool de tareas.
import type { kmeansEn } from './kmeans.en';

export const kmeansEs: Record<keyof typeof kmeansEn, string> = {
  kmeansBadOption: 'kmeans: {name} tiene que ser un número entero de {lo} a {hi} (recibido: {got})',
  kmeansBadInit: "kmeans: init tiene que ser 'k-means++' o 'random' (recibido: {got})",
  kmeansProgress: 'k-means: {k} clústeres de {n} imágenes',
  kmeansProgressDetail: 'iteración {i} de {n} · {jobs} tarea(s) en paralelo',
  kmeansStopped: 'k-means detenido.',
  kmeansFailed: 'k-means ha fallado.',
  kmeansDone: 'k-means: {k} clústeres de {n} imágenes, {iterations} iteraciones.',
  kmeansInertiaTitle: 'Inercia por iteración',
  kmeansIterationAxis: 'iteración',
  kmeansInertiaAxis: 'inercia (suma de distancias al cuadrado)',
  kmeansInertiaNote: 'Inercia: la suma, sobre todas las imágenes, de la distancia al cuadrado al centroide más cercano (píxeles de 0 a 1), medida en el paso de asignación de cada iteración. El algoritmo de Lloyd nunca la deja crecer.',
  kmeansCentroidsTitle: 'Los {k} centroides ({n} imágenes): cada uno es la imagen media de su clúster',
  kmeansCentroidsKey: 'Debajo de cada uno: la etiqueta más frecuente del clúster y su proporción, y después cuántas imágenes tiene.',
  kmeansClusterText: 'Clúster {j}: {n} imágenes, etiqueta más frecuente {label} ({share})',
  kmeansPurity: 'Pureza: el {purity} % de las imágenes tiene la etiqueta más frecuente de su clúster. Las etiquetas no se usaron para agrupar, solo para puntuar los clústeres después.',
  kmeansTime: '{jobs} tarea(s) en paralelo: {ms} ms en total ({init} ms eligiendo los primeros centroides con {how} en este hilo, mediana de {per} ms por iteración en {iterations}).',
  kmeansRanSequentially: 'Con {jobs} tareas en paralelo, las tareas se ejecutaron una tras otra en el worker del kernel: aquí no hay pool de workers, así que este tiempo no es paralelo.',
  kmeansColJobs: 'tareas',
  kmeansColTotal: 'total (ms)',
  kmeansColPerIteration: 'por iteración (ms, mediana)',
  kmeansColSpeedup: 'aceleración',
  kmeansSame: 'Con cualquier número de tareas salieron exactamente los mismos centroides y asignaciones: las sumas parciales se suman en el orden de los trozos.',
  kmeansNotSame: 'Las ejecuciones NO dieron los mismos centroides y asignaciones.',
  outputProblem_centroids: 'una vista de centroides necesita "centroids": un título, de 1 a {max} tamaños, una etiqueta 0–9 y una proporción 0–1 por clúster, y 784 bytes por clúster en "images"',
};
