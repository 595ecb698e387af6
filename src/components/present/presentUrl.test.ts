import { describe, expect, it } from 'vitest';
import { presentIn, withPresent } from './presentUrl';

describe('presentation mode in the URL', () => {
  it('is read from the page query or the hash query', () => {
    expect(presentIn('?present', '#/es/03')).toBe(true);
    expect(presentIn('?samples=2000&present', '#/es/03')).toBe(true);
    expect(presentIn('?present=1', '')).toBe(true);
    expect(presentIn('', '#/es/03?present')).toBe(true);
    expect(presentIn('', '#/es/03?run=1&present')).toBe(true);
  });

  it('is off without it, with present=0, and for names that only start like it', () => {
    expect(presentIn('', '#/es/03')).toBe(false);
    expect(presentIn('?samples=2000', '#/es/03?run=1')).toBe(false);
    expect(presentIn('?present=0', '')).toBe(false);
    expect(presentIn('?present=false', '')).toBe(false);
    expect(presentIn('?presentation', '')).toBe(false);
    expect(presentIn('?xpresent', '#/es/03?unpresent')).toBe(false);
  });

  it('turns on in the page query, keeping every other parameter as written', () => {
    expect(withPresent('?samples=2000&batch=64', '#/es/03', true)).toEqual({ search: '?samples=2000&batch=64&present', hash: '#/es/03' });
    expect(withPresent('', '#/en/02', true)).toEqual({ search: '?present', hash: '#/en/02' });
    // once, even if it was there already
    expect(withPresent('?present&samples=1000', '#/en/02', true)).toEqual({ search: '?samples=1000&present', hash: '#/en/02' });
  });

  it('turns off in both places and leaves the rest', () => {
    expect(withPresent('?samples=2000&present', '#/es/03?run=1&present', false)).toEqual({ search: '?samples=2000', hash: '#/es/03?run=1' });
    expect(withPresent('?present', '#/es/03?present', false)).toEqual({ search: '', hash: '#/es/03' });
    expect(presentIn(...Object.values(withPresent('?a=1', '#/es/01', true)) as [string, string])).toBe(true);
    expect(presentIn(...Object.values(withPresent('?present', '#/es/01?present', false)) as [string, string])).toBe(false);
  });
});
