// What the MNIST loader says when a dataset file is bad, in English (src/data/errors.ts: DataFault).
// data.es.ts has the same keys (the type checks it).
export const dataEn = {
  data_notLoaded: 'MNIST was not loaded',
  data_error: 'Could not load MNIST: {file}: {fault}. {again}',
  data_againFresh: 'Nothing was stored in the local cache. Run the cell again to download it again.',
  data_againCached: 'The bad copy was deleted from the local cache. Run the cell again to download it again.',
  data_http: 'the server answered HTTP {status} (run `npm install` to generate public/mnist/)',
  data_unreachable: 'the server could not be reached (is the network down?)',
  data_network: 'the download broke off after {bytes} bytes',
  data_html: 'a web page (HTML) came instead of the gzip file',
  data_gzip: 'the gzip data is truncated or corrupt and could not be decompressed',
  data_header: 'truncated: {bytes} bytes, shorter than the IDX header ({expected} bytes)',
  data_magic: 'wrong magic number {got}, expected {expected}: not the IDX file it should be',
  data_dims: 'images of {rows}×{cols} pixels, expected {expectRows}×{expectCols}',
  data_truncated: 'truncated: {bytes} bytes, but its header promises {count} items ({expected} bytes)',
  data_trailing: '{extra} unexpected bytes after its {count} items',
  data_label: 'label {label} at index {index} is not a digit 0..{max}',
  data_count: 'its header counts {count} items, expected {expected}',
  data_digest: 'its SHA-256 digest {got}… is not that of the MNIST file ({expected}…)',
  data_pair: '{images} images but {labels} labels',
};
