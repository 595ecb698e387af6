// Lo que dice el cargador de MNIST cuando un archivo de datos está mal, en español (las mismas claves que data.en.ts).
import type { dataEn } from './data.en';

export const dataEs: Record<keyof typeof dataEn, string> = {
  data_notLoaded: 'MNIST no se cargó',
  data_error: 'No se pudo cargar MNIST: {file}: {fault}. {again}',
  data_againFresh: 'No se guardó nada en la caché local. Ejecuta la celda de nuevo para descargarlo otra vez.',
  data_againCached: 'La copia dañada se borró de la caché local. Ejecuta la celda de nuevo para descargarlo otra vez.',
  data_http: 'el servidor respondió HTTP {status} (ejecuta `npm install` para generar public/mnist/)',
  data_unreachable: 'no se pudo contactar con el servidor (¿no hay red?)',
  data_network: 'la descarga se cortó tras {bytes} bytes',
  data_html: 'llegó una página web (HTML) en lugar del archivo gzip',
  data_gzip: 'los datos gzip están truncados o dañados y no se pudieron descomprimir',
  data_header: 'truncado: {bytes} bytes, menos que la cabecera IDX ({expected} bytes)',
  data_magic: 'número mágico {got} incorrecto, se esperaba {expected}: no es el archivo IDX que debería',
  data_dims: 'imágenes de {rows}×{cols} píxeles, se esperaban {expectRows}×{expectCols}',
  data_truncated: 'truncado: {bytes} bytes, pero su cabecera promete {count} elementos ({expected} bytes)',
  data_trailing: '{extra} bytes inesperados tras sus {count} elementos',
  data_label: 'la etiqueta {label} en la posición {index} no es un dígito 0..{max}',
  data_count: 'su cabecera cuenta {count} elementos, se esperaban {expected}',
  data_digest: 'su resumen SHA-256 {got}… no es el del archivo MNIST ({expected}…)',
  data_pair: '{images} imágenes pero {labels} etiquetas',
};
