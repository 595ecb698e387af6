// IDX, the file format of the original MNIST: a big-endian header (magic, dimensions) then bytes.
// images: magic 2051, count, rows, cols, then count·rows·cols pixels. labels: magic 2049, count, labels.

export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

/** What is wrong with an IDX file: a code the page turns into text in the student's language (src/i18n/data.*.ts). */
export type IdxFault = 'header' | 'magic' | 'dims' | 'truncated' | 'trailing' | 'label' | 'pair';

export class IdxError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly code: IdxFault,
    readonly params: Readonly<Record<string, number | string>> = {},
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IdxError';
  }
}

function header(bytes: Uint8Array, file: string, words: number): number[] {
  if (bytes.length < words * 4) {
    throw new IdxError(file, `truncated header: ${bytes.length} bytes, expected at least ${words * 4}`, 'header', { bytes: bytes.length, expected: words * 4 });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

export interface IdxImages { count: number; rows: number; cols: number; pixels: Uint8Array }

export function parseIdxImages(bytes: Uint8Array, file: string, expectRows = 28, expectCols = 28): IdxImages {
  const [magic, count, rows, cols] = header(bytes, file, 4);
  if (magic !== IMAGES_MAGIC) {
    throw new IdxError(file, `wrong magic number ${magic}, expected ${IMAGES_MAGIC} (an IDX image file)`, 'magic', { got: magic, expected: IMAGES_MAGIC });
  }
  if (rows !== expectRows || cols !== expectCols) {
    throw new IdxError(file, `images are ${rows}×${cols}, expected ${expectRows}×${expectCols}`, 'dims', { rows, cols, expectRows, expectCols });
  }
  const expected = 16 + count * rows * cols;
  if (bytes.length < expected) {
    throw new IdxError(file, `truncated: ${bytes.length} bytes, header promises ${count} images (${expected} bytes)`, 'truncated', { bytes: bytes.length, count, expected });
  }
  if (bytes.length > expected) {
    throw new IdxError(file, `${bytes.length - expected} unexpected bytes after ${count} images`, 'trailing', { extra: bytes.length - expected, count });
  }
  return { count, rows, cols, pixels: bytes.subarray(16, expected) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string, classes = 10): Uint8Array {
  const [magic, count] = header(bytes, file, 2);
  if (magic !== LABELS_MAGIC) {
    throw new IdxError(file, `wrong magic number ${magic}, expected ${LABELS_MAGIC} (an IDX label file)`, 'magic', { got: magic, expected: LABELS_MAGIC });
  }
  const expected = 8 + count;
  if (bytes.length < expected) {
    throw new IdxError(file, `truncated: ${bytes.length} bytes, header promises ${count} labels (${expected} bytes)`, 'truncated', { bytes: bytes.length, count, expected });
  }
  if (bytes.length > expected) {
    throw new IdxError(file, `${bytes.length - expected} unexpected bytes after ${count} labels`, 'trailing', { extra: bytes.length - expected, count });
  }
  const labels = bytes.subarray(8, expected);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes) throw new IdxError(file, `label ${labels[i]} at index ${i} is not a class 0..${classes - 1}`, 'label', { label: labels[i], index: i, max: classes - 1 });
  }
  return labels;
}

/** Pairs an image file with its label file; counts must agree. */
export function makeDataset(images: IdxImages, labels: Uint8Array, imagesFile: string, labelsFile: string) {
  if (images.count !== labels.length) {
    throw new IdxError(
      `${imagesFile} + ${labelsFile}`,
      `count mismatch: ${images.count} images but ${labels.length} labels`,
      'pair', { images: images.count, labels: labels.length },
    );
  }
  return { images: images.pixels, labels, count: images.count, rows: images.rows, cols: images.cols };
}
