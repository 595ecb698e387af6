import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBox, mnistFromBitmap, mnistFromStrokes, rasterize, SIDE, type Bitmap, type Stroke } from './preprocess';

const line = (x0: number, y0: number, x1: number, y1: number, n = 20): Stroke =>
  Array.from({ length: n + 1 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / n, y: y0 + ((y1 - y0) * i) / n }));
const loop = (cx: number, cy: number, rx: number, ry: number, n = 48): Stroke =>
  Array.from({ length: n + 1 }, (_, i) => ({ x: cx + rx * Math.cos((2 * Math.PI * i) / n), y: cy + ry * Math.sin((2 * Math.PI * i) / n) }));
const box = (img: Uint8Array) => inkBox({ width: SIDE, height: SIDE, ink: Float32Array.from(img, (v) => v / 255) })!;
const com = (img: Uint8Array) => centreOfMass(img, SIDE, SIDE)!;

describe('MNIST-style preprocessing', () => {
  it('a vertical bar ends centred, 20 pixels high', () => {
    const img = mnistFromStrokes([line(0.3, 0.1, 0.3, 0.8)])!;
    const b = box(img);
    expect(b.y1 - b.y0 + 1).toBe(20);
    expect(b.x1 - b.x0 + 1).toBeLessThanOrEqual(4); // thin: the aspect ratio is kept
    const c = com(img);
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('a wide shape ends 20 pixels wide and keeps its aspect ratio', () => {
    const img = mnistFromStrokes([line(0.05, 0.5, 0.95, 0.5), line(0.05, 0.6, 0.95, 0.6)])!;
    const b = box(img);
    expect(b.x1 - b.x0 + 1).toBe(20);
    const h = b.y1 - b.y0 + 1;
    expect(h).toBeGreaterThanOrEqual(3);
    expect(h).toBeLessThanOrEqual(6); // (0.1 + brush) / (0.9 + brush) of 20 is about 3.6
  });

  it('puts the centre of mass of an off-centre, lopsided shape at (14, 14)', () => {
    // a heavy blob near a corner with a thin tail: its centre of mass is far from its box's centre
    const blob: Stroke[] = [0, 1, 2, 3, 4].map((i) => line(0.7, 0.7 + i * 0.02, 0.9, 0.7 + i * 0.02));
    const strokes = [...blob, line(0.7, 0.7, 0.4, 0.3)];
    const img = mnistFromStrokes(strokes)!;
    const c = com(img);
    expect(Math.abs(c.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(c.y - 14)).toBeLessThanOrEqual(0.5);
    // and not because the box was centred: the box's centre is elsewhere
    const b = box(img);
    expect(Math.hypot((b.x0 + b.x1 + 1) / 2 - 14, (b.y0 + b.y1 + 1) / 2 - 14)).toBeGreaterThan(1.5);
  });

  it('makes grey levels at the edges (area-averaged, not nearest)', () => {
    const img = mnistFromStrokes([loop(0.5, 0.5, 0.3, 0.35)])!;
    const grey = Array.from(img).filter((v) => v > 0 && v < 255).length;
    expect(grey).toBeGreaterThan(10);
    expect(Math.max(...img)).toBeGreaterThan(200);
    // a loop keeps its hole
    const c = com(img);
    expect(img[Math.round(c.y - 0.5) * SIDE + Math.round(c.x - 0.5)]).toBeLessThan(50);
  });

  it('reports an empty drawing as empty', () => {
    expect(mnistFromStrokes([])).toBeNull();
    expect(mnistFromStrokes([[]])).toBeNull();
    expect(mnistFromBitmap({ width: 10, height: 10, ink: new Float32Array(100) })).toBeNull();
  });

  it('works from a canvas bitmap the same way', () => {
    const b: Bitmap = { width: 50, height: 50, ink: new Float32Array(2500) };
    for (let y = 5; y < 40; y++) for (let x = 30; x < 34; x++) b.ink[y * 50 + x] = 1;
    const img = mnistFromBitmap(b)!;
    const bb = box(img);
    expect(bb.y1 - bb.y0 + 1).toBe(20);
    expect(Math.abs(com(img).x - 14)).toBeLessThanOrEqual(0.5);
  });

  it('draws strokes as capsules of the brush size', () => {
    const r = rasterize([[{ x: 0.5, y: 0.5 }]], 100, 0.1);
    const b = inkBox(r, 0.5)!;
    expect(b.x1 - b.x0 + 1).toBeGreaterThanOrEqual(9);
    expect(b.x1 - b.x0 + 1).toBeLessThanOrEqual(11);
  });
});
