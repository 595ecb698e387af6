// Why an output was refused (src/notebook/outputs.ts), es.
import type { outputsEn } from './outputs.en';

export const outputsEs: Record<keyof typeof outputsEn, string> = {
  outputRefused: 'se rechazó una salida: {problem}',
  outputProblem_not_object: 'una salida debe ser un objeto',
  outputProblem_no_id: 'una salida necesita un id de texto',
  outputProblem_text: 'una salida de texto necesita un "text" de texto',
  outputProblem_folded: 'el "folded" de una salida de texto debe ser un recuento',
  outputProblem_error: 'una salida de error necesita un "message" de texto',
  outputProblem_table_columns: 'una tabla necesita "columns", una lista de textos',
  outputProblem_table_rows: 'una tabla necesita "rows", listas de textos y números',
  outputProblem_chart_spec: 'un gráfico necesita un objeto "spec"',
  outputProblem_chart_type: 'el tipo de un gráfico debe ser uno de {types}',
  outputProblem_chart_fields: 'un gráfico necesita "title" y "x" de texto y "y", una lista de textos',
  outputProblem_chart_data: 'un gráfico necesita "data", una lista de objetos de textos y números',
  outputProblem_chart_option: 'un gráfico tiene una opción de tipo equivocado',
  outputProblem_digits_bytes: 'una cuadrícula de dígitos necesita los arrays de bytes "images" y "labels"',
  outputProblem_digits_size: 'una cuadrícula de dígitos necesita 784 píxeles y una etiqueta por dígito',
  outputProblem_progress: 'una barra de progreso necesita un "label" de texto, los números "value" y "max" y, si lo hay, un "detail" de texto',
  outputProblem_code: 'una salida de código necesita "source" y "language" de texto',
  outputProblem_unknown_kind: 'tipo de salida desconocido {kind}',
};
