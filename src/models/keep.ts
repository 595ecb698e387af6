// The page keeps the latest trained model across reloads (issue 14 §5): every model the kernel hands
// over is written to the models store; on startup the one kept is restored into the KernelClient, so
// the Digits page has a model after a reload. Cell code's models.* requests are answered here too.
import type { KernelClient } from '../notebook/kernelClient';
import { answerModelRequest } from './requests';
import { loadLatest, saveLatest } from './store';

/** Wires `kernel` to the models store; returns the undo (for a React effect's cleanup). */
export function keepModels(kernel: KernelClient): () => void {
  let fresh = false; // a model trained in this page wins over the one restored from before
  const offModel = kernel.onModel((m) => {
    fresh = true;
    saveLatest(m).catch((e: unknown) => console.warn('paralelo: the latest model was not kept', e));
  });
  const offRequest = kernel.onRequest(answerModelRequest);
  loadLatest().then((m) => { if (m && !fresh && !kernel.latestModel) kernel.adoptModel(m); }, () => undefined);
  return () => { offModel(); offRequest(); };
}
