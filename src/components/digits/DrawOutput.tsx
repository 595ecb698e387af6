// A show.draw output: the same pad as the Digits page, predicting with the run's model (carried in
// the output) or the page's latest model. Saved outputs keep no model (savedOutputs.ts): it says so.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/react';
import type { TrainedModel } from '../../models/model';
import type { Output } from '../../notebook/kernel/protocol';
import { DigitLab } from './DigitLab';
import { useDigitsKernel } from './kernelContext';

export function DrawOutput({ output }: { output: Extract<Output, { kind: 'draw' }> }) {
  const t = useT();
  const dk = useDigitsKernel();
  const [latest, setLatest] = useState<TrainedModel | null>(() => dk?.kernel.latestModel ?? null);
  useEffect(() => (output.latest ? dk?.kernel.onModel(setLatest) : undefined), [dk, output.latest]);
  const model = output.model ?? (output.latest ? latest : null);
  return (
    <figure className="out-draw" data-testid="out-draw">
      <figcaption>{output.title}</figcaption>
      {!output.model && !output.latest ? <p data-testid="out-draw-nomodel">{t('digitsDrawNoModel')}</p> : <DigitLab model={model} />}
    </figure>
  );
}
