// Las mismas claves que runStream.en.ts.
import type { runStreamEn } from './runStream.en';

export const runStreamEs: Record<keyof typeof runStreamEn, string> = {
  streamAssign: 'asignar it {it} · trozo {c}',
  streamAssignKind: 'asignar (map)',
  streamReduce: 'reducir it {it}',
  streamReduceKind: 'reducir (coordinador)',
  streamNearest: 'k-means++ distancias a c{n} · trozo {c}',
  streamNearestKind: 'k-means++ distancias (map)',
  streamPick: 'elegir centroide {n} (D²)',
  streamPickKind: 'k-means++ elección (coordinador)',
  streamGridKind: 'prueba de la rejilla',
  streamRandomKind: 'prueba aleatoria',
  streamRetrainKind: 'reentrenar la mejor',
  streamMemberKind: 'miembro del conjunto',
  heatmapPointsTitle: 'Dónde cayeron las {n} pruebas aleatorias (◆ y su número, entre los valores de la rejilla que las rodean)',
  heatmapPointsTrial: 'prueba aleatoria',
  heatmapPointLabel: 'Prueba aleatoria {i}: {x}, {y}, exactitud de validación {acc}',
  heatmapPointOutside: 'fuera de la rejilla',
};
