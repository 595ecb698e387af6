// mnistArrays() (src/notebook/kernel/arrays.ts): MNIST as plain arrays for tasks. arrays.es.ts has the same keys.
export const arraysEn = {
  arraysBadSet: "mnistArrays: set must be 'train' or 'test' (got {got}).",
  arraysBadStart: 'mnistArrays: start must be an integer from 0 to {max} (got {got}).',
  arraysBadCount: 'mnistArrays: count must be an integer from 1 to {max} (got {got}).',
};
