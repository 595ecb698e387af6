// referenceMlp() and epochOrder() (src/notebook/kernel/referenceMlp.ts). reference.es.ts has the same keys.
export const referenceEn = {
  referenceBadDtype: "referenceMlp: dtype must be 'float64' or 'float32' (got {got}).",
  referenceBadSeed: 'seed must be an integer from 0 to 4294967295 (got {got}).',
  referenceBadParams: 'referenceMlp: the parameters must be {n} numbers, like model.params (got {got}).',
  epochOrderBadN: 'epochOrder: n must be an integer from 1 to 10000000 (got {got}).',
  epochOrderBadEpoch: 'epochOrder: epoch must be an integer from 0 (got {got}).',
};
