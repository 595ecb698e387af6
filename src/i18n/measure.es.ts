// Lo que dicen las medidas (issue 13 §4): repeticiones con su mediana y su dispersión, el guardián del
// ruido, la nota de la GPU por software, las barras de error, el ajuste de Amdahl y la eficiencia, las
// partes del desglose con ms y %. measure.en.ts tiene las mismas claves (el tipo lo comprueba).
import type { measureEn } from './measure.en';

export const measureEs: Record<keyof typeof measureEn, string> = {
  measure_oneEpoch: 'una época: {ms} ms',
  measure_medianOf: 'mediana de {n} épocas: {ms} ms (mín. {min} ms, máx. {max} ms, {spread} de diferencia)',
  measure_repeatOf: 'repetición {r} de {n}',
  measure_busy: '⚠ La máquina estaba ocupada mientras esto se ejecutaba: estos tiempos no son fiables ({why}). Cierra otros programas y pestañas y vuelve a ejecutar la celda.',
  measure_noiseSpread: 'las épocas tardaron de {min} a {max} ms, un {spread} de diferencia, más del {limit}',
  measure_noiseCalibration: 'un bucle fijo de calibración tardó {before} ms antes y {after} ms después, un {drift} de diferencia, más del {limit}',
  measure_lossesDiffer: '⚠ Las {n} repeticiones no calcularon las mismas pérdidas (diferencia máxima {delta}). Parten de los mismos pesos con semilla, así que este backend no es determinista aquí.',
  measure_softwareGpu: 'Ojo: aquí WebGPU se ejecuta en {adapter}, una emulación de GPU en la CPU (un adaptador por software): no se usa ninguna tarjeta gráfica. Sus tiempos miden un emulador que comparte esta CPU con todo lo demás, así que compararlos con js, workers o wasm no dice nada de una GPU de verdad, que normalmente sería muchísimo más rápida.',
  measure_softwareGpuShort: '{label}: esta "GPU" es {adapter}, una emulación en la CPU; no es la velocidad de una GPU de verdad',
  measure_timingsMedian: 'Tiempo por época (mediana de {n} épocas; barras del mínimo al máximo)',
  measure_timingsMixed: 'Tiempo por época (la mediana cuando una ejecución tiene varias épocas; barras del mínimo al máximo)',
  measure_timingsOne: 'Tiempo por época (una época por ejecución)',
  measure_min: 'mín.',
  measure_max: 'máx.',
  measure_epochs: 'épocas',
  measure_busyShort: '⚠ {label}: medido con la máquina ocupada, no es fiable ({why})',
  measure_busyShortSpread: 'épocas con un {spread} de diferencia',
  measure_busyShortCalibration: 'bucle de calibración {before} → {after} ms',
  measure_breakdownMean: 'A dónde se va el tiempo (media de {n} épocas)',
  measure_breakdownOne: 'A dónde se va el tiempo (una época)',
  measure_breakdownParts: '{label} ({total} ms): {parts}',
  measure_part: '{part} {ms} ms ({pct})',
  measure_efficiency: 'eficiencia',
  measure_efficiencyNote: 'Eficiencia (aceleración ÷ {label}): {list}.',
  measure_amdahlNone: 'Sin curva de Amdahl: {why}.',
  measure_amdahlNoGain: 'ningún punto con {label} > 1 fue más rápido que {label} = 1, así que no hay parte paralela que ajustar',
  measure_amdahlAllSerial: 'el mejor ajuste es una fracción serie del 100 %, que no explica ninguna de las ganancias medidas',
  measure_amdahlNoBase: 'hace falta el punto {label} = 1',
  measure_amdahlExcluded: 'Fuera del ajuste: {points} (más lentos que 1× o más rápidos que lo ideal: la ley de Amdahl no puede explicarlo).',
  measure_oversubscribed: '⚠ {points} más lentos que {label} = 1 en esta máquina de {cores} núcleos, menos que los {label}: se turnan en los mismos núcleos y pagan la coordinación, así que esto no dice nada del código paralelo en sí.',
  outputProblem_chart_errorBars: 'las barras de error ("errorBars") de un gráfico deben ser una lista de { y, low, high }, cada uno el nombre de una columna de los datos',
  measure_spreadNote: 'Barras desde la época cronometrada más rápida hasta la más lenta.',
};
