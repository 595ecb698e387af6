import { describe, expect, it } from 'vitest';
import { nextCode, prevCode, stepFor, type KeyInfo } from './stepper';

const key = (k: string, mods: Partial<KeyInfo> = {}): KeyInfo => ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('the presenter keys', () => {
  it('Space and → step forward, Shift+Space and ← step back, where the focus leaves them free', () => {
    expect(stepFor(key(' '), 'free')).toBe('next');
    expect(stepFor(key('ArrowRight'), 'free')).toBe('next');
    expect(stepFor(key(' ', { shiftKey: true }), 'free')).toBe('back');
    expect(stepFor(key('ArrowLeft'), 'free')).toBe('back');
  });

  it('never in an editor or a field, nor with Ctrl/Alt/Meta, nor while composing text', () => {
    for (const k of [key(' '), key('ArrowRight'), key('ArrowLeft'), key(' ', { shiftKey: true })]) expect(stepFor(k, 'text')).toBeNull();
    expect(stepFor(key(' ', { ctrlKey: true }), 'free')).toBeNull();
    expect(stepFor(key('ArrowRight', { altKey: true }), 'free')).toBeNull();
    expect(stepFor(key('ArrowLeft', { metaKey: true }), 'free')).toBeNull();
    expect(stepFor(key(' ', { isComposing: true }), 'free')).toBeNull();
  });

  it('Space presses a focused button (not a step); arrows still step there', () => {
    expect(stepFor(key(' '), 'press')).toBeNull();
    expect(stepFor(key('ArrowRight'), 'press')).toBe('next');
  });

  it('arrows belong to what moves with them (a chart, a slider); Space still steps there', () => {
    expect(stepFor(key('ArrowRight'), 'arrows')).toBeNull();
    expect(stepFor(key('ArrowLeft'), 'arrows')).toBeNull();
    expect(stepFor(key(' '), 'arrows')).toBe('next');
  });

  it('ignores other keys, a held Space, and Shift with an arrow (text selection)', () => {
    expect(stepFor(key('Enter'), 'free')).toBeNull();
    expect(stepFor(key('a'), 'free')).toBeNull();
    expect(stepFor(key(' ', { repeat: true }), 'free')).toBeNull();
    expect(stepFor(key('ArrowRight', { shiftKey: true }), 'free')).toBeNull();
  });
});

describe('stepping through the cells', () => {
  const kinds = ['markdown', 'code', 'markdown', 'markdown', 'code', 'code', 'markdown'];
  it('finds the next code cell, from before the first one on', () => {
    expect(nextCode(kinds, -1)).toBe(1);
    expect(nextCode(kinds, 1)).toBe(4);
    expect(nextCode(kinds, 4)).toBe(5);
    expect(nextCode(kinds, 5)).toBe(-1);
    expect(nextCode(kinds, 2)).toBe(4);
  });
  it('finds the previous code cell, and none before the first', () => {
    expect(prevCode(kinds, 5)).toBe(4);
    expect(prevCode(kinds, 4)).toBe(1);
    expect(prevCode(kinds, 1)).toBe(-1);
    expect(prevCode(kinds, -1)).toBe(-1);
    expect(prevCode(kinds, 99)).toBe(5);
  });
});
