// referenceMlp() y epochOrder() (src/notebook/kernel/referenceMlp.ts). Mismas claves que reference.en.ts.
import type { referenceEn } from './reference.en';

export const referenceEs: Record<keyof typeof referenceEn, string> = {
  referenceBadDtype: "referenceMlp: dtype debe ser 'float64' o 'float32' (recibió {got}).",
  referenceBadSeed: 'seed debe ser un entero de 0 a 4294967295 (recibió {got}).',
  referenceBadParams: 'referenceMlp: los parámetros deben ser {n} números, como model.params (recibió {got}).',
  epochOrderBadN: 'epochOrder: n debe ser un entero de 1 a 10000000 (recibió {got}).',
  epochOrderBadEpoch: 'epochOrder: epoch debe ser un entero desde 0 (recibió {got}).',
};
