// Under a training run: "Export to Python / C" downloads a zip of programs that reproduce the run
// (issue 17). The generator (and the zip writer) load only when the button is pressed.
import { useState } from 'react';
import type { ExportExperiment } from '../../export/experiment';
import { useT } from '../../i18n/react';

export function ExportButton({ experiment }: { experiment: ExportExperiment }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const o = experiment.options;

  const download = async () => {
    try {
      setError(null);
      const { exportName, exportZip } = await import('../../export');
      // the app's own MNIST files, for the README's download commands
      const withUrl: ExportExperiment = { ...experiment, mnistUrl: experiment.mnistUrl ?? new URL('/mnist/', location.href).href };
      const name = exportName(withUrl);
      const bytes = exportZip(withUrl, name);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
      a.download = `${name}.zip`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (e) {
      setError(t('export_failed', { message: String((e as Error)?.message ?? e) }));
    }
  };

  return (
    <div className="out-export" data-testid="out-export">
      <button type="button" data-testid="export-run" onClick={() => void download()}
        title={t('export_hint', { seed: o.seed, batchSize: o.batchSize, learningRate: o.learningRate, samples: o.samples })}>
        {t('export_button')}
      </button>
      {error && <span role="alert" className="out-error">{error}</span>}
    </div>
  );
}
