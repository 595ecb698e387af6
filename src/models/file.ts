// A trained model as a small file (issue 14 §5), `.paralelo-model`:
//   line 1  `PARALELO-MODEL 1\n`                      the magic and the format version
//   line 2  a JSON header, padded with spaces, `\n`   format, spec, layout (offsets in floats), count, meta
//   then    the flat float32 parameters, little-endian, starting at a multiple of 4 bytes
// The two text lines make `head -2 file` readable; the rest is src/mlp/spec.ts's flat layout as is,
// so numpy reads it with `np.frombuffer(data[start:], '<f4')`. Reading checks everything and fails
// with a ModelFileError: a code and its numbers, made into words in the student's language at display.
import { t, type Lang, type MessageKey } from '../i18n';
import { formatCount } from '../notebook/kernel/limits';
import { INPUT_SIZE, MAX_HIDDEN, MIN_HIDDEN, OUTPUT_SIZE, makeSpec, paramLayout, type MlpSpec } from '../mlp/spec';
import { modelProblem, type ModelMeta, type TrainedModel } from './model';

export const MODEL_EXTENSION = '.paralelo-model';
export const MODEL_FORMAT = 'paralelo-model';
export const MODEL_VERSION = 1;
const MAGIC = 'PARALELO-MODEL';
/** the largest model (hidden 1024) is 3.3 MB; anything much bigger is not one of ours */
export const MAX_MODEL_FILE_BYTES = 8 * 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;

export type ModelFileErrorCode = 'empty' | 'tooLarge' | 'notModel' | 'version' | 'header' | 'spec' | 'count' | 'partial' | 'notFinite' | 'meta';

/** What is wrong with a model file, as data: `t(lang, 'modelFile_' + code, params)` says it. */
export class ModelFileError extends Error {
  constructor(readonly code: ModelFileErrorCode, readonly params: Record<string, string | number> = {}) {
    super(`model file: ${code} ${JSON.stringify(params)}`);
    this.name = 'ModelFileError';
  }
}

/** The message of a ModelFileError in `lang` (numbers in the language's format). */
export function modelFileErrorText(lang: Lang, e: ModelFileError): string {
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params)) p[k] = typeof v === 'number' ? formatCount(v, lang) : v;
  return t(lang, `modelFile_${e.code}` as MessageKey, p);
}

const NAMES = ['W1', 'b1', 'W2', 'b2'] as const;

function layoutOf(spec: MlpSpec) {
  const l = paramLayout(spec);
  const H = spec.hiddenSize;
  return {
    W1: { offset: l.w1, shape: [H, INPUT_SIZE] },
    b1: { offset: l.b1, shape: [H] },
    W2: { offset: l.w2, shape: [OUTPUT_SIZE, H] },
    b2: { offset: l.b2, shape: [OUTPUT_SIZE] },
  };
}

/** The file's bytes for `model` (its parameters copied as they are: bit-exact). */
export function writeModelFile(model: TrainedModel, appVersion?: string): Uint8Array<ArrayBuffer> {
  const problem = modelProblem(model);
  if (problem) throw new Error(`not a model: ${problem}`);
  const { spec, params, meta } = model;
  const header = {
    format: MODEL_FORMAT, version: MODEL_VERSION,
    spec: { inputSize: spec.inputSize, hiddenSize: spec.hiddenSize, outputSize: spec.outputSize },
    dtype: 'float32-le', count: params.length, layout: layoutOf(spec),
    meta: { ...meta, accuracy: Number.isFinite(meta.accuracy) ? meta.accuracy : null, ...(appVersion ? { app: appVersion } : {}) },
  };
  const enc = new TextEncoder();
  const first = enc.encode(`${MAGIC} ${MODEL_VERSION}\n`);
  let json = JSON.stringify(header);
  // pad with spaces so that the parameters start at a multiple of 4 (JSON ignores the spaces)
  while ((first.length + enc.encode(json).length + 1) % 4 !== 0) json += ' ';
  const second = enc.encode(`${json}\n`);
  const out = new Uint8Array(first.length + second.length + params.length * 4);
  out.set(first, 0);
  out.set(second, first.length);
  const view = new DataView(out.buffer, first.length + second.length);
  for (let i = 0; i < params.length; i++) view.setFloat32(i * 4, params[i], true);
  return out;
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const num = (x: unknown, fallback = NaN) => (typeof x === 'number' ? x : x === null ? NaN : fallback);

/** The model in a file's bytes, or a ModelFileError saying what is wrong. */
export function readModelFile(data: ArrayBuffer | Uint8Array): TrainedModel {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) throw new ModelFileError('empty');
  if (bytes.length > MAX_MODEL_FILE_BYTES) throw new ModelFileError('tooLarge', { bytes: bytes.length, max: MAX_MODEL_FILE_BYTES });
  const dec = new TextDecoder('utf-8', { fatal: false });
  const nl1 = bytes.indexOf(10);
  const magicLine = dec.decode(bytes.subarray(0, nl1 < 0 ? Math.min(bytes.length, 32) : Math.min(nl1, 32)));
  const m = /^PARALELO-MODEL (\d+)$/.exec(magicLine);
  if (nl1 < 0 || !m) throw new ModelFileError('notModel');
  const version = Number(m[1]);
  if (version !== MODEL_VERSION) throw new ModelFileError('version', { version, supported: MODEL_VERSION });
  const nl2 = bytes.indexOf(10, nl1 + 1);
  if (nl2 < 0 || nl2 - nl1 > MAX_HEADER_BYTES) throw new ModelFileError('header', { detail: 'no end of line after the header' });
  let header: unknown;
  try {
    header = JSON.parse(dec.decode(bytes.subarray(nl1 + 1, nl2)));
  } catch (e) {
    throw new ModelFileError('header', { detail: (e as Error).message });
  }
  if (!isObj(header) || header.format !== MODEL_FORMAT) throw new ModelFileError('header', { detail: 'format is not "paralelo-model"' });
  if (header.version !== MODEL_VERSION) throw new ModelFileError('version', { version: String(header.version), supported: MODEL_VERSION });
  if (header.dtype !== 'float32-le') throw new ModelFileError('header', { detail: `dtype ${String(header.dtype)} (float32-le expected)` });
  const s = isObj(header.spec) ? header.spec : {};
  const input = num(s.inputSize), hidden = num(s.hiddenSize), output = num(s.outputSize);
  let spec: MlpSpec;
  try {
    if (input !== INPUT_SIZE || output !== OUTPUT_SIZE) throw new RangeError('shape');
    spec = makeSpec(hidden);
  } catch {
    throw new ModelFileError('spec', { shape: `${String(s.inputSize)} → ${String(s.hiddenSize)} → ${String(s.outputSize)}`, min: MIN_HIDDEN, max: MAX_HIDDEN });
  }
  const want = paramLayout(spec).total;
  const shape = `${INPUT_SIZE} → ${spec.hiddenSize} → ${OUTPUT_SIZE}`;
  const start = nl2 + 1;
  const body = bytes.length - start;
  if (body % 4 !== 0) throw new ModelFileError('partial', { bytes: body });
  const got = body / 4;
  if (got !== want) throw new ModelFileError('count', { got, want, shape });
  if (header.count !== want) throw new ModelFileError('header', { detail: `count ${String(header.count)}, the spec needs ${want}` });
  const layout = isObj(header.layout) ? header.layout : {};
  const expected = layoutOf(spec);
  for (const n of NAMES) {
    const l = layout[n];
    if (!isObj(l) || l.offset !== expected[n].offset) throw new ModelFileError('header', { detail: `layout of ${n} is not at offset ${expected[n].offset}` });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, body);
  const params = new Float32Array(want);
  for (let i = 0; i < want; i++) params[i] = view.getFloat32(i * 4, true);
  for (let i = 0; i < want; i++) {
    if (!Number.isFinite(params[i])) {
      const l = paramLayout(spec);
      const name = i >= l.b2 ? 'b2' : i >= l.w2 ? 'W2' : i >= l.b1 ? 'b1' : 'W1';
      throw new ModelFileError('notFinite', { index: i, name, value: String(params[i]) });
    }
  }
  const meta = metaOf(header.meta);
  const model: TrainedModel = { spec, params, meta };
  const problem = modelProblem(model);
  if (problem) throw new ModelFileError('header', { detail: problem });
  return model;
}

function metaOf(raw: unknown): ModelMeta {
  if (!isObj(raw) || typeof raw.label !== 'string' || typeof raw.backend !== 'string') throw new ModelFileError('meta');
  return {
    label: raw.label.slice(0, 200), backend: raw.backend.slice(0, 40),
    accuracy: num(raw.accuracy), samples: num(raw.samples, 0), epochs: num(raw.epochs, 0), batchSize: num(raw.batchSize, 0),
    learningRate: num(raw.learningRate), seed: num(raw.seed, 0), createdAt: num(raw.createdAt, 0),
  };
}
