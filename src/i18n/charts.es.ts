// Lo que dicen los gráficos alrededor de sus datos (issue 12): notas de los ejes, marcas de época,
// el resumen en texto bajo cada gráfico (para lectores de pantalla y para todos) y el único problema
// de forma propio de los gráficos. charts.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { chartsEn } from './charts.en';

export const chartsEs: Record<keyof typeof chartsEn, string> = {
  chartLogAxis: '{title} (escala log.)',
  chartEpochMarker: 'época {n}',
  chartCoordinator: 'coord.',
  chartUntitled: 'Gráfico',
  chartSummaryEmpty: '{title}: aún no hay datos.',
  chartSummaryLine: '{title} ({x} {x0}–{x1}): de {first} a {last}; mínimo {min} en {xMin}, máximo {max} en {xMax}.',
  chartSummaryLines: '{title}: {k} series ({x} {x0}–{x1}), valores entre {min} y {max}. Valor final más bajo: {low} ({lowV}); más alto: {high} ({highV}).',
  chartSummaryBar1: '{title}: {cat}, {v}.',
  chartSummaryBars: '{title}: {n} barras; la más baja, {low} ({lowV}); la más alta, {high} ({highV}).',
  chartSummaryStacked1: '{title}: {cat} suma {total}; la parte mayor es {part} ({v}).',
  chartSummaryStacked: '{title}: {n} barras de {k} partes; el total menor es {low} ({lowV}) y el mayor, {high} ({highV}); la parte mayor es {part} en {cat} ({v}).',
  chartSummaryGrouped: '{title}: {k} series en {n} categorías; el valor más bajo es {low} en {lowCat} ({lowV}) y el más alto, {high} en {highCat} ({highV}).',
  chartSummaryTasks: '{title}: {n} tareas en {w} carriles; la última termina en {end}.',
  outputProblem_chart_markers: 'las marcas ("markers") de un gráfico deben ser una lista de { x: un número, label: un texto }',
};
