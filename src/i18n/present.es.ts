// Modo presentación (issue 13 §2) y el progreso de ejecuciones y barridos (§5): las palabras de las
// barras de progreso (hechas en el kernel, en el idioma de la celda) y de los controles del presentador.
// present.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { presentEn } from './present.en';

export const presentEs: Record<keyof typeof presentEn, string> = {
  progressPreparing: 'preparando…',
  progressWarmup: 'calentando (sin medir)…',
  progressRepeat: 'repetición {r} de {n}',
  progressEpoch: 'época {epoch} de {epochs}',
  progressBatch: 'lote {batch} de {batches}',
  progressRate: '{sps} muestras/s',
  progressEta: 'quedan ~{time}',
  progressEtaUnknown: 'calculando…',
  progressDone: 'hecho: {batches} lotes en {time} · {sps} muestras/s',
  progressStopped: 'detenido en el lote {batch} de {batches}',
  progressFailed: 'un error lo paró en el lote {batch} de {batches}',
  progressOfRun: '{label} · ejecución {i} de {n}',
  progressTrain: 'Entrenando {label}',
  sweepLabel: 'Barrido',
  sweepRun: 'ejecución {i} de {n}',
  sweepDone: '{n} ejecuciones hechas en {time}',
  sweepStopped: 'detenido en la ejecución {i} de {n}',
  sweepFailed: 'un error paró la ejecución {i} de {n}',
  timeSeconds: '{s} s',
  timeMinutes: '{m} min {s} s',
  progressPercent: '{pct} %',
  progressWorking: 'en curso',
  presentToggle: 'Presentar',
  presentToggleTitle: 'Modo presentación: el código se oculta, el texto y las gráficas se agrandan y el teclado avanza por las celdas',
  presentShowCode: 'Mostrar código',
  presentHideCode: 'Ocultar código',
  presentHintNext: 'siguiente',
  presentHintBack: 'atrás',
  presentHintBusy: 'esperando…',
  presentKeySpace: 'Espacio',
  presentKeyShift: 'Mayús',
};
