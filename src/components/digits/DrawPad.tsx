// The drawing pad: pointer events (mouse, touch, pen; `touch-action: none` so a finger draws rather
// than scrolls), a round brush scaled to the pad (BRUSH of its side, as the preprocessing assumes),
// Clear and Undo (one stroke). Points are kept in pad units (0–1), so the pad can be any size.
import { useEffect, useRef, useState } from 'react';
import { BRUSH, type Point, type Stroke } from '../../digits/preprocess';
import { useT } from '../../i18n/react';

interface Props {
  /** every change: the strokes so far; `drawing`: a stroke is under way (more points will come) */
  onChange: (strokes: readonly Stroke[], drawing: boolean) => void;
  /** what the screen reader hears about the drawing (the prediction in words) */
  description: string;
}

export function DrawPad({ onChange, description }: Props) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [strokes, setStrokes] = useState<Point[][]>([]);
  const live = useRef<{ id: number; points: Point[] } | null>(null);
  const cb = useRef(onChange);
  useEffect(() => { cb.current = onChange; });

  const draw = (all: readonly Stroke[]) => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const side = c.clientWidth || 280;
    const px = Math.round(side * (globalThis.devicePixelRatio || 1));
    if (c.width !== px) { c.width = px; c.height = px; }
    ctx.clearRect(0, 0, px, px);
    ctx.strokeStyle = ctx.fillStyle = getComputedStyle(c).color;
    ctx.lineCap = ctx.lineJoin = 'round';
    for (const s of all) {
      if (!s.length) continue;
      ctx.lineWidth = BRUSH * px;
      ctx.beginPath();
      ctx.moveTo(s[0].x * px, s[0].y * px);
      for (const p of s.slice(1)) ctx.lineTo(p.x * px, p.y * px);
      if (s.length === 1) ctx.lineTo(s[0].x * px + 0.01, s[0].y * px);
      ctx.stroke();
    }
  };
  useEffect(() => {
    draw(strokes);
    const on = () => draw(strokes);
    const mq = matchMedia('(prefers-color-scheme: dark)');
    window.addEventListener('resize', on);
    mq.addEventListener('change', on);
    return () => { window.removeEventListener('resize', on); mq.removeEventListener('change', on); };
  }, [strokes]);

  const point = (e: React.PointerEvent): Point => {
    const r = canvas.current!.getBoundingClientRect();
    const p: Point = { x: Math.max(0, Math.min(1, (e.clientX - r.left) / r.width)), y: Math.max(0, Math.min(1, (e.clientY - r.top) / r.height)) };
    return e.pointerType === 'pen' ? { ...p, pressure: e.pressure } : p;
  };
  // the finished strokes live in a ref: pointer events can come faster than React renders
  const done = useRef<Point[][]>([]);
  const change = (next: Point[][], drawing: boolean) => { setStrokes(next); cb.current(next, drawing); };
  const commit = (next: Point[][]) => { done.current = next; change(next, false); };

  return (
    <div className="draw-pad">
      <canvas ref={canvas} className="draw-canvas" data-testid="digits-pad" role="img" aria-label={`${t('digitsPadLabel')}. ${description}`}
        onPointerDown={(e) => {
          if (e.button !== 0 && e.pointerType === 'mouse') return;
          e.preventDefault();
          e.currentTarget.setPointerCapture?.(e.pointerId);
          live.current = { id: e.pointerId, points: [point(e)] };
          change([...done.current, live.current.points], true);
        }}
        onPointerMove={(e) => {
          const s = live.current;
          if (!s || s.id !== e.pointerId) return;
          s.points.push(point(e));
          change([...done.current, [...s.points]], true);
        }}
        onPointerUp={(e) => {
          const s = live.current;
          if (!s || s.id !== e.pointerId) return;
          live.current = null;
          commit([...done.current, s.points]);
        }}
        onPointerCancel={() => {
          if (!live.current) return;
          live.current = null;
          commit(done.current);
        }} />
      <div className="draw-actions">
        <button type="button" onClick={() => commit(done.current.slice(0, -1))} disabled={!strokes.length} data-testid="digits-undo">
          <span aria-hidden="true">↶ </span>{t('digitsUndo')}
        </button>
        <button type="button" onClick={() => commit([])} disabled={!strokes.length} data-testid="digits-clear">
          <span aria-hidden="true">✕ </span>{t('digitsClear')}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="digits-says">{description}</p>
    </div>
  );
}
