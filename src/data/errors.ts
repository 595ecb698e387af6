// What can be wrong with a dataset file the app downloads or finds in its cache. Each fault is a code
// with parameters; the text is made in the student's language where it is shown (src/i18n/dataText.ts).
import { dataErrorText } from '../i18n/dataText';
import type { IdxFault } from './idx';

/**
 * http: the server answered with an error status · unreachable: no answer at all · network: the download broke off · html: a web page
 * came instead of the file · gzip: the gzip stream is truncated or corrupt · count: the header counts
 * the wrong number of items · digest: the bytes are not the MNIST file (SHA-256) · the rest: IdxFault.
 */
export type DataFault = IdxFault | 'http' | 'unreachable' | 'network' | 'html' | 'gzip' | 'count' | 'digest';

export type DataParams = Readonly<Record<string, number | string>>;

export class DataError extends Error {
  constructor(
    /** the file as served, e.g. `train-labels-idx1-ubyte.gz` */
    readonly file: string,
    readonly fault: DataFault,
    readonly params: DataParams,
    /** the bad copy came from the Cache API (and has been deleted from it) */
    readonly fromCache: boolean,
  ) {
    super(dataErrorText('en', file, fault, params, fromCache));
    this.name = 'DataError';
  }
}
