// What charts say around their data (issue 12): axis notes, epoch markers, the text summary under
// every chart (for screen readers and everyone) and the one shape problem only charts have.
// charts.es.ts has the same keys (the type checks it).
export const chartsEn = {
  chartLogAxis: '{title} (log scale)',
  chartEpochMarker: 'epoch {n}',
  chartCoordinator: 'coord.',
  chartUntitled: 'Chart',
  chartSummaryEmpty: '{title}: no data yet.',
  chartSummaryLine: '{title} ({x} {x0}–{x1}): from {first} to {last}; lowest {min} at {xMin}, highest {max} at {xMax}.',
  chartSummaryLines: '{title}: {k} series ({x} {x0}–{x1}), values between {min} and {max}. Lowest final value: {low} ({lowV}); highest: {high} ({highV}).',
  chartSummaryBar1: '{title}: {cat}, {v}.',
  chartSummaryBars: '{title}: {n} bars; lowest {low} ({lowV}), highest {high} ({highV}).',
  chartSummaryStacked1: '{title}: {cat} adds up to {total}; the largest part is {part} ({v}).',
  chartSummaryStacked: '{title}: {n} bars of {k} parts; the smallest total is {low} ({lowV}), the largest {high} ({highV}); the largest part is {part} in {cat} ({v}).',
  chartSummaryGrouped: '{title}: {k} series over {n} categories; lowest {low} in {lowCat} ({lowV}), highest {high} in {highCat} ({highV}).',
  chartSummaryTasks: '{title}: {n} tasks in {w} lanes; the last one ends at {end}.',
  outputProblem_chart_markers: 'a chart\'s "markers" must be a list of { x: a number, label: a text }',
} as const;
