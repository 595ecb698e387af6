// One task stream per run (kmeans, search, bagging: src/notebook/kernel/runStream.ts) and the random
// trials drawn over search's heatmap. runStream.es.ts has the same keys (the type checks it).
export const runStreamEn = {
  streamAssign: 'assign it {it} · chunk {c}',
  streamAssignKind: 'assign (map)',
  streamReduce: 'reduce it {it}',
  streamReduceKind: 'reduce (coordinator)',
  streamNearest: 'k-means++ distances to c{n} · chunk {c}',
  streamNearestKind: 'k-means++ distances (map)',
  streamPick: 'pick centroid {n} (D²)',
  streamPickKind: 'k-means++ pick (coordinator)',
  streamGridKind: 'grid trial',
  streamRandomKind: 'random trial',
  streamRetrainKind: 'retrain the best',
  streamMemberKind: 'ensemble member',
  heatmapPointsTitle: 'Where the {n} random trials landed (◆ and their number, placed between the grid values they fall between)',
  heatmapPointsTrial: 'random trial',
  heatmapPointLabel: 'Random trial {i}: {x}, {y}, validation accuracy {acc}',
  heatmapPointOutside: 'outside the grid',
} as const;
