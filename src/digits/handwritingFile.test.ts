import { describe, expect, it } from 'vitest';
import { handwritingJson, parseHandwriting } from './handwritingFile';

describe('the handwriting file', () => {
  it('round-trips labels and images', () => {
    const a = { label: 7, image: Uint8Array.from({ length: 784 }, (_, i) => i % 256) };
    const b = { label: 0, image: new Uint8Array(784).fill(255) };
    expect(parseHandwriting(handwritingJson([a, b]))).toEqual([a, b]);
  });

  it('says what is wrong with a file that is not one', () => {
    expect(() => parseHandwriting('{')).toThrow('not JSON');
    expect(() => parseHandwriting('{"format":"x"}')).toThrow('not a paralelo-handwriting file');
    expect(() => parseHandwriting('{"format":"paralelo-handwriting","version":2,"drawings":[]}')).toThrow('version 2');
    expect(() => parseHandwriting('{"format":"paralelo-handwriting","version":1,"drawings":[{"label":10,"image":""}]}')).toThrow('drawing 1: its label must be 0–9');
    expect(() => parseHandwriting('{"format":"paralelo-handwriting","version":1,"drawings":[{"label":1,"image":"AAAA"}]}')).toThrow('3 bytes, not 784');
  });
});
