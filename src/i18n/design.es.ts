// Lo que dice el marco de la página (issue 12): la página de bienvenida, el recuadro de inicio de cada
// lección, la cabecera y el cajón de lecciones. design.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { designEn } from './design.en';

export const designEs: Record<keyof typeof designEn, string> = {
  navHome: 'Inicio',
  navMenu: 'Lecciones',
  navMenuLabel: 'Abrir o cerrar la lista de lecciones',
  navLessonNumber: 'Lección {n}',
  welcomeKicker: 'Un curso interactivo en tu navegador',
  welcomeTitle: 'Computación paralela para redes neuronales',
  welcomeLead: 'Entrena una red neuronal pequeña con los 70.000 dígitos escritos a mano de MNIST y luego hazla más rápida: con procesos que se pasan mensajes, hilos que comparten memoria y una GPU con miles de núcleos. Todo se ejecuta aquí, en esta página.',
  welcomeRace: 'Míralo correr',
  welcomeRaceNote: 'Entrena la misma red en cada backend que puede usar este navegador y compara sus tiempos (lección 3).',
  welcomeStart: 'Empieza por la lección {n}',
  welcomeForWhomTitle: 'Para quién',
  welcomeForWhom: 'Para estudiantes que saben un poco de Python o JavaScript. No necesitas GPU ni instalar nada: si tu navegador no puede usar un backend, la lección te dice por qué y sigue con los demás.',
  welcomeHowTitle: 'Cómo funciona un cuaderno',
  welcomeHow1: 'Cada lección mezcla texto y celdas de código que puedes editar y ejecutar.',
  welcomeHow2: 'Las celdas se ejecutan en orden: las variables de una celda siguen vivas en las siguientes.',
  welcomeHow3: 'Mayús+Intro ejecuta una celda y pasa a la siguiente; Ctrl+Intro la ejecuta y se queda en ella.',
  welcomeBackendsTitle: 'Cuatro backends, una misma respuesta',
  welcomeBackend_js: 'secuencial: la línea base (Python o C sin más)',
  welcomeBackend_workers: 'procesos que se pasan mensajes (multiprocessing, Dask)',
  welcomeBackend_wasm: 'hilos que comparten memoria (C + OpenMP)',
  welcomeBackend_webgpu: 'un dispositivo masivamente paralelo (CUDA)',
  welcomeBackendUnavailable: 'no disponible en este navegador',
  welcomePathTitle: 'El recorrido',
  welcomePathTotal: '{n} lecciones, unas {time} en total',
  welcomeGoals: 'Al terminar podrás',
  introLessonOf: 'Lección {n} de {total}',
  introGoals: 'Objetivos',
  introInOrder: 'Las celdas se ejecutan en orden y las variables de una celda pasan a las siguientes.',
};
