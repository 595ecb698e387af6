// tfjs.* (issue 16 §4, lesson 11): the course's MLP trained with TensorFlow.js beside the app's backends.
// frameworks.es.ts has the same keys (the type checks it).
export const frameworksEn = {
  tfjsLoading: 'Loading TensorFlow.js ({backend})…',
  tfjsWarmup: '{label}: warming up (2,048 images, untimed)…',
  tfjsTraining: '{label}: training',
  tfjsEpochOf: 'epoch {epoch} of {epochs}',
  tfjsEpoch: '{label} · epoch {epoch}: {ms} ms · mean loss {loss}',
  tfjsRanOn: '{label}: TF.js\'s {backend} backend{threads}',
  tfjsAccuracy: '{label} · test accuracy: {acc}%',
  tfjsThreads: ' with {n} thread(s)',
  tfjsStopped: '{label}: stopped.',
  tfjsFailed: '{label}: failed.',
  tfjsBadBackend: "tfjs.train: backend must be one of {backends} (got {got})",
  tfjsBackendUnavailable: 'TF.js could not start its {backend} backend here: {reason}',
  tfjsNoWebgpu: 'this browser offers no WebGPU (navigator.gpu is missing)',
  tfjsInitFailed: 'its initialisation failed (the browser console has TF.js\'s warning)',
} as const;
