import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/react';

interface Props {
  title?: string;
  images: Uint8Array; // n × 784
  labels: Uint8Array;
  predictions?: Uint8Array;
}

export function Digit({ pixels }: { pixels: Uint8Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = 255 - pixels[i];
      img.data[i * 4] = v; img.data[i * 4 + 1] = v; img.data[i * 4 + 2] = v; img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="digit-canvas" aria-hidden="true" />;
}

/** A grid of MNIST digits with their labels; with predictions, wrong ones are marked. */
export function DigitGrid({ title, images, labels, predictions }: Props) {
  const t = useT();
  const n = labels.length;
  const wrong = predictions ? Array.from(labels).filter((l, i) => predictions[i] !== l).length : 0;
  return (
    <figure className="digit-grid" data-testid={predictions ? 'prediction-gallery' : 'digit-grid'}>
      {title && <figcaption>{title}{predictions ? ` — ${wrong}/${n} ${t('wrong')}` : ''}</figcaption>}
      <ul>
        {Array.from({ length: n }, (_, i) => {
          const bad = predictions ? predictions[i] !== labels[i] : false;
          const text = predictions
            ? `${t('label')} ${labels[i]}, ${t('predicted')} ${predictions[i]}${bad ? ` (${t('wrong')})` : ''}`
            : `${t('label')} ${labels[i]}`;
          return (
            <li key={i} className={bad ? 'wrong' : undefined} data-wrong={bad || undefined} title={text} aria-label={text}>
              <Digit pixels={images.subarray(i * 784, (i + 1) * 784)} />
              <span>{predictions ? `${predictions[i]}${bad ? ` ≠ ${labels[i]}` : ''}` : labels[i]}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
