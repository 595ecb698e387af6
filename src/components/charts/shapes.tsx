// SVG pieces shared by the plot and its legend: marker shapes (one per backend, from the design
// tokens) and hatch patterns for bars, so a series is told apart without its colour.
import type { AreaStyle, MarkerShape } from './seriesStyle';

/** A marker of `shape` centred on (cx, cy), about 2r across. */
export function Marker({ shape, cx, cy, r = 4, color, outline }: { shape: MarkerShape; cx: number; cy: number; r?: number; color: string; outline?: string }) {
  const common = { fill: color, stroke: outline ?? color, strokeWidth: 1 };
  switch (shape) {
    case 'circle':
      return <circle cx={cx} cy={cy} r={r * 0.9} {...common} />;
    case 'square':
      return <rect x={cx - r * 0.8} y={cy - r * 0.8} width={r * 1.6} height={r * 1.6} {...common} />;
    case 'triangle':
      return <path d={`M${cx},${cy - r * 1.05}L${cx + r},${cy + r * 0.75}L${cx - r},${cy + r * 0.75}Z`} {...common} />;
    case 'diamond':
      return <path d={`M${cx},${cy - r * 1.15}L${cx + r * 1.15},${cy}L${cx},${cy + r * 1.15}L${cx - r * 1.15},${cy}Z`} {...common} />;
  }
}

/** The fill of an area: its plain colour, or its hatch pattern by id. */
export function areaFill(style: AreaStyle, patternId: string): string {
  return style.hatch === 'solid' ? style.fill : `url(#${patternId})`;
}

/** One <pattern> per hatched style, with ids `${prefix}-${i}`. */
export function PatternDefs({ styles, prefix }: { styles: readonly AreaStyle[]; prefix: string }) {
  return (
    <defs>
      {styles.map((s, i) => (s.hatch === 'solid' ? null : (
        <pattern key={i} id={`${prefix}-${i}`} patternUnits="userSpaceOnUse" width={7} height={7}
          patternTransform={s.hatch === 'diagonal' || s.hatch === 'cross' ? 'rotate(45)' : s.hatch === 'backDiagonal' ? 'rotate(-45)' : undefined}>
          <rect width={7} height={7} fill={s.fill} />
          {s.hatch === 'dots'
            ? <circle cx={3.5} cy={3.5} r={1.4} fill={s.ink} />
            : <line x1={0} y1={3.5} x2={7} y2={3.5} stroke={s.ink} strokeWidth={1.6} />}
          {s.hatch === 'cross' && <line x1={3.5} y1={0} x2={3.5} y2={7} stroke={s.ink} strokeWidth={1.6} />}
        </pattern>
      )))}
    </defs>
  );
}
