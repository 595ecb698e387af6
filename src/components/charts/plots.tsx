// The plots themselves (recharts), one per chart type. Axis titles are not drawn here: ChartView puts
// them in HTML above (y) and below (x) the plot, so they can never overlap the tick labels. Every
// quantity axis starts at zero (a log axis cannot, and says so in its title); ticks and tooltips
// write numbers in the student's language; all text is drawn in the theme's text colours.
import type { ReactNode } from 'react';
import {
  Bar, BarChart, CartesianGrid, Cell, ErrorBar, LabelList, Line, LineChart, ReferenceArea, ReferenceLine, Scatter, ScatterChart,
  Text, Tooltip, XAxis, YAxis,
} from 'recharts';
import { backendOf, type Palette } from '../../design/tokens';
import type { Lang } from '../../i18n';
import type { ChartSpec } from '../../notebook/kernel/protocol';
import { formatTick, formatValue, withUnit } from './format';
import { otherColor, seriesStyles, type AreaStyle, type SeriesStyle } from './seriesStyle';
import { areaFill, Marker, PatternDefs } from './shapes';

export interface PlotProps {
  spec: ChartSpec;
  palette: Palette;
  lang: Lang;
  /** the hatch patterns, drawn inside the chart's SVG (so a copy of it keeps them), are `${prefix}-${i}` */
  prefix: string;
}

const TICK_FONT = 12;
/** Markers drawn on a long line: about this many per series, staggered so coinciding lines all show. */
const MARKERS_PER_LINE = 8;
/** Above this many points in all, lines go without markers (dash and legend still tell them apart): a dot item per point is too slow to draw. */
const MAX_DOTTED_POINTS = 1200;
/** Epoch markers labelled at most this many times (the lines are all drawn). */
const MARKER_LABELS = 6;

const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Zero, or the lowest value when some are negative; a log axis takes its range from the data. The y
 * axes put their ticks on round steps (niceTicks 'snap125': 0, 500, 1.000 rather than 0, 550, 1.100).
 */
function yDomain(spec: ChartSpec): [number | 'auto', 'auto' | ((dataMax: number) => number)] {
  if (spec.logY) return ['auto', 'auto'];
  let lo = 0, hi = -Infinity;
  for (const r of spec.data) {
    for (const k of spec.y) {
      const v = r[k];
      if (isFiniteNum(v) && v < lo) lo = v;
    }
    // an error bar's top is inside the plot
    for (const e of spec.errorBars ?? []) {
      const v = r[e.high];
      if (isFiniteNum(v)) hi = Math.max(hi, v);
    }
  }
  return [lo, hi > -Infinity ? (dataMax: number) => niceCeil(Math.max(dataMax, hi)) : 'auto'];
}

/** The round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten) at or above x: the axis ends on a tick. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * The error bar of series `k` (min–max of the timed epochs, say) as recharts wants it: the distances
 * below and above the drawn value. None when the spec gives no bar for `k`.
 */
function errorBar(spec: ChartSpec, k: string, color: string) {
  const e = spec.errorBars?.find((b) => b.y === k);
  if (!e) return null;
  const delta = (row: Record<string, number | string>) => {
    const v = row[k], lo = row[e.low], hi = row[e.high];
    return isFiniteNum(v) && isFiniteNum(lo) && isFiniteNum(hi) ? [Math.max(0, v - lo), Math.max(0, hi - v)] : [0, 0];
  };
  return <ErrorBar dataKey={delta} width={8} strokeWidth={1.5} stroke={color} direction="y" isAnimationActive={false} />;
}

/** Axis lines and ticks in the muted text colour (4.5:1 on the surface in both themes). */
function axisStyle(p: Palette) {
  return { stroke: p.muted, tick: { fill: p.muted, fontSize: TICK_FONT }, tickLine: { stroke: p.muted } };
}

function tooltipStyle({ spec, palette, lang }: PlotProps) {
  return {
    formatter: (v: unknown) => (isFiniteNum(v) ? withUnit(formatValue(v, lang), spec.unit) : String(v)),
    labelFormatter: (l: ReactNode) => {
      const x = typeof l === 'number' ? formatTick(l, lang) : String(l ?? '');
      return spec.xLabel ? `${spec.xLabel}: ${x}` : x;
    },
    contentStyle: { background: palette.surface, border: `1px solid ${palette.muted}`, borderRadius: 6, fontSize: 12 },
    itemStyle: { color: palette.text },
    labelStyle: { color: palette.text, fontWeight: 600 },
    isAnimationActive: false,
  };
}

export function LinePlot(props: PlotProps & { styles: readonly SeriesStyle[] }) {
  const { spec, palette, lang, styles } = props;
  const n = spec.data.length;
  const every = Math.max(1, Math.ceil(n / MARKERS_PER_LINE));
  const markers = spec.markers ?? [];
  const labelEvery = Math.max(1, Math.ceil(markers.length / MARKER_LABELS));
  const intX = spec.data.every((d) => Number.isInteger(d[spec.x]));
  const dot = (i: number) => {
    const shift = Math.floor((i * every) / Math.max(1, spec.y.length));
    return (p: { cx?: number; cy?: number; index: number }) => {
      if ((p.index + shift) % every !== 0 || !isFiniteNum(p.cx) || !isFiniteNum(p.cy)) return null;
      return <Marker shape={styles[i].marker} cx={p.cx} cy={p.cy} color={styles[i].color} outline={palette.surface} />;
    };
  };
  return (
    <LineChart data={spec.data} margin={{ top: markers.length ? 22 : 10, right: 18, bottom: 4, left: 4 }} title={spec.title}>
      <CartesianGrid stroke={palette.line} vertical={false} />
      <XAxis dataKey={spec.x} type="number" scale={spec.logX ? 'log' : 'auto'} domain={['dataMin', 'dataMax']} allowDataOverflow allowDecimals={!intX}
        tickFormatter={(v: number) => formatTick(v, lang)} minTickGap={16} {...axisStyle(palette)} />
      <YAxis width="auto" scale={spec.logY ? 'log' : 'auto'} domain={yDomain(spec)} niceTicks="snap125" tickFormatter={(v: number) => formatTick(v, lang)} {...axisStyle(palette)} />
      <Tooltip {...tooltipStyle(props)} cursor={{ stroke: palette.muted, strokeDasharray: '3 3' }} />
      {markers.map((m, i) => (
        <ReferenceLine key={`marker-${i}`} x={m.x} stroke={palette.muted} strokeDasharray="4 3" ifOverflow="discard" className="chart-marker"
          label={i % labelEvery === 0 ? { value: m.label, position: 'top', fill: palette.muted, fontSize: 11 } : undefined} />
      ))}
      {spec.y.map((k, i) => (
        <Line key={k} dataKey={k} name={k} stroke={styles[i].color} strokeWidth={2} strokeDasharray={styles[i].dash} dot={n * spec.y.length <= MAX_DOTTED_POINTS && dot(i)}
          activeDot={{ r: 5, stroke: palette.surface }} isAnimationActive={false} connectNulls>
          {errorBar(spec, k, styles[i].color)}
        </Line>
      ))}
    </LineChart>
  );
}

interface LabelProps { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown; index?: number }

/**
 * A bar's value label above the top of its error bar (the whisker would run through a label at the
 * bar's end); undefined (recharts' own label) when the series has no error bar.
 */
function aboveErrorBar(spec: ChartSpec, k: string, value: (v: unknown) => string, fill: string) {
  const e = spec.errorBars?.find((b) => b.y === k);
  if (!e) return undefined;
  return function ErrorBarLabel(p: LabelProps) {
    const x = Number(p.x), y = Number(p.y), w = Number(p.width), h = Number(p.height);
    const row = spec.data[p.index ?? -1] as Record<string, number | string> | undefined;
    const v = row?.[k] ?? p.value, hi = row?.[e.high];
    if (![x, y, w, h].every(Number.isFinite) || !isFiniteNum(v)) return null;
    // pixels per unit from the bar itself: its height is v units
    const top = isFiniteNum(hi) && v > 0 && hi > v ? y - ((hi - v) * h) / v : y;
    return <text x={x + w / 2} y={top - 6} textAnchor="middle" fill={fill} fontSize={11} className="recharts-label">{value(v)}</text>;
  };
}

interface TickProps { x?: number; y?: number; payload?: { value?: unknown }; width?: number; className?: string }

/** A category's name under its bar, wrapped to the bar's width (at most three lines). */
function CategoryTick({ x, y, payload, width, className, count, fill }: TickProps & { count: number; fill: string }) {
  const w = Math.max(36, (width ?? 320) / count - 6);
  return (
    <Text x={x} y={(y ?? 0) + 2} width={w} maxLines={3} textAnchor="middle" verticalAnchor="start" fill={fill} fontSize={TICK_FONT} className={className}>
      {String(payload?.value ?? '')}
    </Text>
  );
}

/**
 * Bars start at zero. One series: one colour, or each bar its backend's colour when the bars are
 * backends; the value above each bar and its name under it label it directly. Several series, side
 * by side or stacked: each its fill and hatch (`areas`); a stack has its total above it.
 */
export function BarPlot(props: PlotProps & { areas: readonly AreaStyle[] }) {
  const { spec, palette, lang, prefix, areas } = props;
  const stacked = spec.type === 'stackedBar';
  const single = !stacked && spec.y.length === 1;
  const cats = spec.data.map((d) => String(d[spec.x]));
  // a bar is a backend's when its row says so (`backend`, from show.timings) or its name says so
  const catStyles = seriesStyles(spec.data.map((d, i) => (typeof d.backend === 'string' && backendOf(d.backend) ? d.backend : cats[i])), palette);
  const byBackend = single && catStyles.some((s) => s.backend);
  const plain = otherColor(palette, 0);
  const longest = cats.reduce((m, c) => Math.max(m, c.length), 0);
  const value = (v: unknown) => (isFiniteNum(v) ? formatValue(v, lang) : '');
  const total = (row: Record<string, number | string>) => spec.y.reduce((s, k) => s + (isFiniteNum(row[k]) ? row[k] as number : 0), 0);
  return (
    <BarChart data={spec.data} margin={{ top: 18, right: 12, bottom: 4, left: 4 }} barCategoryGap="22%" title={spec.title}>
      <PatternDefs styles={areas} prefix={prefix} />
      <CartesianGrid stroke={palette.line} vertical={false} />
      <XAxis dataKey={spec.x} interval={0} height={longest > 10 ? 50 : 28} stroke={palette.muted} tickLine={false}
        tick={(p: unknown) => <CategoryTick {...(p as TickProps)} count={Math.max(1, cats.length)} fill={palette.muted} />} />
      <YAxis width="auto" scale={spec.logY ? 'log' : 'auto'} domain={yDomain(spec)} niceTicks="snap125" tickFormatter={(v: number) => formatTick(v, lang)} {...axisStyle(palette)} />
      <Tooltip {...tooltipStyle(props)} cursor={{ fill: palette.line, fillOpacity: 0.4 }} />
      {spec.y.map((k, i) => (
        <Bar key={k} dataKey={k} name={k} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} maxBarSize={72}
          fill={single ? plain : areaFill(areas[i], `${prefix}-${i}`)} stroke={single ? undefined : areas[i].ink} strokeWidth={single ? 0 : 1}>
          {byBackend && catStyles.map((s, j) => <Cell key={j} fill={s.backend ? s.color : plain} />)}
          {!stacked && errorBar(spec, k, palette.text)}
          {!stacked && <LabelList dataKey={k} position="top" formatter={value} fill={palette.text} fontSize={11}
            content={aboveErrorBar(spec, k, value, palette.text)} />}
          {stacked && i === spec.y.length - 1 && <LabelList dataKey={total} position="top" formatter={value} fill={palette.text} fontSize={11} />}
        </Bar>
      ))}
    </BarChart>
  );
}

/** Each task a box on its worker's lane (the coordinator's below the workers), filled by its kind. */
export function TaskPlot(props: PlotProps & { kinds: readonly string[]; areas: readonly AreaStyle[]; coordinator: string }) {
  const { spec, palette, lang, prefix, kinds, areas, coordinator } = props;
  const workers = spec.data.map((d) => Number(d.worker));
  const maxEnd = Math.max(1, ...spec.data.map((d) => Number(d.end)).filter(Number.isFinite));
  return (
    <ScatterChart margin={{ top: 10, right: 18, bottom: 4, left: 4 }} title={spec.title}>
      <PatternDefs styles={areas} prefix={prefix} />
      <CartesianGrid stroke={palette.line} vertical={false} />
      <XAxis type="number" dataKey="start" domain={[0, maxEnd]} tickFormatter={(v: number) => formatTick(Math.round(v), lang)} minTickGap={16} {...axisStyle(palette)} />
      <YAxis type="number" dataKey="worker" width="auto" domain={[Math.min(0, ...workers) - 0.5, Math.max(0, ...workers) + 0.5]} allowDecimals={false}
        ticks={[...new Set(workers)].sort((x, y) => x - y)} tickFormatter={(v: number) => (v < 0 ? coordinator : formatTick(v, lang))} {...axisStyle(palette)} />
      {/* a task of parallel().map / compute is named by its `shard` (text): the tooltip (hover, or the arrow keys) says which */}
      <Tooltip {...tooltipStyle(props)} labelFormatter={(_: unknown, p: readonly { payload?: Record<string, unknown> }[]) => { const s = p?.[0]?.payload?.shard; return typeof s === 'string' ? s : null; }}
        formatter={(v: unknown, name: unknown) => (name === 'worker' ? (Number(v) < 0 ? coordinator : String(v)) : isFiniteNum(v) ? withUnit(formatValue(v, lang), spec.unit) : String(v))} />
      <Scatter data={spec.data} fill="transparent" isAnimationActive={false} />
      {spec.data.map((d, i) => {
        const k = kinds.indexOf(String(d.kind));
        return (
          <ReferenceArea key={i} x1={Number(d.start)} x2={Math.max(Number(d.end), Number(d.start) + maxEnd / 2000)}
            y1={Number(d.worker) - 0.35} y2={Number(d.worker) + 0.35} fill={areaFill(areas[k], `${prefix}-${k}`)} fillOpacity={1}
            stroke={areas[k].fill} strokeWidth={0.5} ifOverflow="visible" />
        );
      })}
    </ScatterChart>
  );
}
