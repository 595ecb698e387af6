// mnistArrays() (src/notebook/kernel/arrays.ts): MNIST como arrays para las tareas. Mismas claves que arrays.en.ts.
import type { arraysEn } from './arrays.en';

export const arraysEs: Record<keyof typeof arraysEn, string> = {
  arraysBadSet: "mnistArrays: set debe ser 'train' o 'test' (recibió {got}).",
  arraysBadStart: 'mnistArrays: start debe ser un entero de 0 a {max} (recibió {got}).',
  arraysBadCount: 'mnistArrays: count debe ser un entero de 1 a {max} (recibió {got}).',
};
