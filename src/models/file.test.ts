import { describe, expect, it } from 'vitest';
import { initParams } from '../mlp/init';
import { makeSpec, paramLayout } from '../mlp/spec';
import { MODEL_EXTENSION, ModelFileError, modelFileErrorText, readModelFile, writeModelFile } from './file';
import type { TrainedModel } from './model';

function model(hidden = 32, seed = 7): TrainedModel {
  const spec = makeSpec(hidden);
  const params = initParams(spec, seed);
  // values no float round-trip through text would keep: the smallest subnormal, -0, a large one
  params[0] = 1.401298464324817e-45;
  params[1] = -0;
  params[params.length - 1] = 3.4028234663852886e38;
  return { spec, params, meta: { label: 'wasm #2', backend: 'wasm', accuracy: 0.9123, samples: 2000, epochs: 1, batchSize: 64, learningRate: 0.1, seed, createdAt: 1_790_000_000_000 } };
}

const enc = new TextEncoder();
const dec = new TextDecoder();
/** the file's two text lines and its parameter bytes */
function parts(bytes: Uint8Array) {
  const a = bytes.indexOf(10), b = bytes.indexOf(10, a + 1);
  return { magic: dec.decode(bytes.subarray(0, a)), header: JSON.parse(dec.decode(bytes.subarray(a + 1, b))) as Record<string, unknown>, body: bytes.subarray(b + 1) };
}
function rebuild(magic: string, header: unknown, body: Uint8Array, pad = true): Uint8Array {
  let json = JSON.stringify(header);
  while (pad && (magic.length + 1 + json.length + 1) % 4 !== 0) json += ' ';
  const head = enc.encode(`${magic}\n${json}\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head);
  out.set(body, head.length);
  return out;
}
function failure(bytes: Uint8Array): ModelFileError {
  try {
    readModelFile(bytes);
  } catch (e) {
    if (e instanceof ModelFileError) return e;
    throw e;
  }
  throw new Error('the file was read without an error');
}

describe('model file', () => {
  it('round-trips a model bit for bit, with its spec and meta', () => {
    for (const hidden of [16, 32, 128]) {
      const m = model(hidden);
      const bytes = writeModelFile(m);
      const back = readModelFile(bytes);
      expect(back.spec).toEqual(m.spec);
      expect(back.meta).toEqual(m.meta);
      expect(Buffer.from(back.params.buffer).equals(Buffer.from(m.params.buffer))).toBe(true); // bits, so -0 and subnormals count
      expect(Object.is(back.params[1], -0)).toBe(true);
    }
  });

  it('is a magic line, a JSON header, then little-endian float32 starting 4-byte aligned', () => {
    const m = model(16);
    const bytes = writeModelFile(m);
    const { magic, header, body } = parts(bytes);
    expect(magic).toBe('PARALELO-MODEL 1');
    expect(header).toMatchObject({ format: 'paralelo-model', version: 1, dtype: 'float32-le', count: paramLayout(m.spec).total, spec: { inputSize: 784, hiddenSize: 16, outputSize: 10 } });
    expect(header.layout).toMatchObject({ W1: { offset: 0, shape: [16, 784] }, b1: { offset: 16 * 784 }, W2: { offset: 16 * 785, shape: [10, 16] }, b2: { offset: 16 * 785 + 160 } });
    expect(body.byteOffset % 4).toBe(0);
    expect(body.length).toBe(m.params.length * 4);
    const view = new DataView(body.buffer, body.byteOffset);
    expect(view.getFloat32(8, true)).toBe(m.params[2]);
    expect(MODEL_EXTENSION).toBe('.paralelo-model');
  });

  it('keeps a run that did not evaluate: accuracy NaN is written as null and read back as NaN', () => {
    const m = model(16);
    m.meta.accuracy = NaN;
    expect(parts(writeModelFile(m)).header.meta).toMatchObject({ accuracy: null });
    expect(readModelFile(writeModelFile(m)).meta.accuracy).toBeNaN();
  });

  it('refuses an empty file, a file of another kind and another version', () => {
    expect(failure(new Uint8Array()).code).toBe('empty');
    expect(failure(enc.encode('{"cells": []}\n')).code).toBe('notModel');
    expect(failure(enc.encode('PK\u0003\u0004 a zip file')).code).toBe('notModel');
    const { header, body } = parts(writeModelFile(model(16)));
    const v2 = failure(rebuild('PARALELO-MODEL 2', header, body));
    expect(v2.code).toBe('version');
    expect(modelFileErrorText('es', v2)).toBe('Este archivo de modelo es de la versión 2 del formato; este Paralelo lee la versión 1.');
  });

  it('refuses a header that is not JSON, not ours or has no end', () => {
    const bytes = writeModelFile(model(16));
    const { header, body } = parts(bytes);
    const broken = rebuild('PARALELO-MODEL 1', header, body);
    broken[20] = '}'.charCodeAt(0); // inside the JSON
    expect(failure(broken)).toMatchObject({ code: 'header' });
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, format: 'other' }, body)).code).toBe('header');
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, dtype: 'float64-le' }, body)).code).toBe('header');
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, layout: { ...(header.layout as object), b2: { offset: 0 } } }, body)).code).toBe('header');
    expect(failure(enc.encode('PARALELO-MODEL 1\n{"format": "paralelo-model"')).code).toBe('header');
    expect(modelFileErrorText('en', failure(broken))).toMatch(/^The header of this model file is damaged \(.+\)\.$/);
  });

  it('refuses a hidden size out of range or another shape, naming it', () => {
    const { header, body } = parts(writeModelFile(model(16)));
    for (const spec of [{ inputSize: 784, hiddenSize: 8, outputSize: 10 }, { inputSize: 784, hiddenSize: 2048, outputSize: 10 }, { inputSize: 784, hiddenSize: 16.5, outputSize: 10 }, { inputSize: 3072, hiddenSize: 16, outputSize: 10 }]) {
      const e = failure(rebuild('PARALELO-MODEL 1', { ...header, spec }, body));
      expect(e.code).toBe('spec');
      expect(modelFileErrorText('en', e)).toContain(`${spec.inputSize} → ${spec.hiddenSize} → ${spec.outputSize}`);
    }
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, spec: undefined }, body)).code).toBe('spec');
  });

  it('refuses a truncated file or one with the parameters of another network, with both counts in the student\'s format', () => {
    const bytes = writeModelFile(model(128));
    const { header, body } = parts(bytes);
    const cut = failure(bytes.subarray(0, bytes.length - 4 * (101_770 - 25_450)));
    expect(cut).toMatchObject({ code: 'count', params: { got: 25_450, want: 101_770 } });
    expect(modelFileErrorText('es', cut)).toBe('Este archivo tiene 25.450 parámetros; una red 784 → 128 → 10 necesita 101.770. Está cortado o es de otra red.');
    expect(modelFileErrorText('en', cut)).toContain('This file has 25,450 parameters; a 784 → 128 → 10 network needs 101,770.');
    expect(failure(bytes.subarray(0, bytes.length - 3)).code).toBe('partial');
    // a 16-wide network's parameters under a 128-wide header
    const small = parts(writeModelFile(model(16))).body;
    expect(failure(rebuild('PARALELO-MODEL 1', header, small))).toMatchObject({ code: 'count', params: { got: 12_730, want: 101_770 } });
    // the header's own count must agree too
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, count: 5 }, body)).code).toBe('header');
  });

  it('refuses NaN and ±Infinity, naming the parameter and its tensor', () => {
    const m = model(16);
    const l = paramLayout(m.spec);
    for (const [i, v, name] of [[3, NaN, 'W1'], [l.b1 + 1, Infinity, 'b1'], [l.w2, -Infinity, 'W2'], [l.b2 + 9, NaN, 'b2']] as const) {
      const bytes = writeModelFile(m);
      const { body } = parts(bytes);
      new DataView(body.buffer, body.byteOffset).setFloat32(i * 4, v, true);
      const e = failure(bytes);
      expect(e).toMatchObject({ code: 'notFinite', params: { index: i, name, value: String(v) } });
    }
  });

  it('refuses a file without meta, and one far too large before reading it', () => {
    const { header, body } = parts(writeModelFile(model(16)));
    expect(failure(rebuild('PARALELO-MODEL 1', { ...header, meta: { label: 3 } }, body)).code).toBe('meta');
    expect(failure(new Uint8Array(9 * 1024 * 1024)).code).toBe('tooLarge');
  });

  it('will not write a broken model', () => {
    const m = model(16);
    m.params[5] = NaN;
    expect(() => writeModelFile(m)).toThrow(/not finite/);
  });
});
