// The page's answer to cell code's model requests (kernel → page, issue 14 §5): everything in a
// request is checked here (the kernel runs untrusted cell code), then the store does the work.
// A failure becomes an Error whose message is in the cell's language.
import type { Lang } from '../i18n';
import type { ModelRequest } from '../notebook/kernel/protocol';
import { modelProblem } from './model';
import { deleteModel, listModels, loadModel, ModelStoreError, modelStoreErrorText, saveModel } from './store';

export async function answerModelRequest(req: ModelRequest, lang: Lang): Promise<unknown> {
  try {
    switch (req?.op) {
      case 'save': {
        const problem = modelProblem(req.model);
        if (problem) throw new ModelStoreError('failed', { message: problem });
        return await saveModel(String(req.name), req.model, req.overwrite === true);
      }
      case 'list':
        return await listModels();
      case 'load':
        return await loadModel(String(req.name));
      case 'remove':
        return await deleteModel(String(req.name));
      default:
        throw new ModelStoreError('failed', { message: `unknown request ${String((req as { op?: unknown })?.op)}` });
    }
  } catch (e) {
    throw new Error(modelStoreErrorText(lang, e), { cause: e });
  }
}
