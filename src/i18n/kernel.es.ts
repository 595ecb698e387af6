// Lo que dicen el kernel y su manejador en la página sobre celdas hostiles o fallos (issue 11), en
// español. Las mismas claves que kernel.en.ts.
import type { kernelEn } from './kernel.en';

export const kernelEs: Record<keyof typeof kernelEn, string> = {
  kernelForged: 'una celda envió un mensaje a la página; se ignoró',
  kernelReplaced_one: 'esta celda reemplazó {names}; las celdas siguientes reciben el original',
  kernelReplaced_other: 'esta celda reemplazó {names}; las celdas siguientes reciben los originales',
  kernelRefusedOrigin: 'las celdas solo pueden acceder a la dirección de esta app; se rechazó {url}',
  kernelRefusedStorage: 'las celdas no pueden usar {name}: guarda tus ediciones',
  kernelRefusedApi: 'las celdas no pueden usar {name}',
  kernelUncaught: 'un error en código que la celda dejó en marcha: {message}',
  kernelMoreLines: '+{n} líneas más',
  kernelMoreText: '+{size} más de texto',
  kernelShowMore: 'mostrar más',
  kernelDownload: 'descargar',
  kernelLinesDropped: '… {n} líneas más no se guardaron (más de {size})',
  kernelMoreOutputs: '+{n} salidas más no se mostraron (como mucho {max} por celda)',
  kernelDownsampled: 'reducido de {from} a {to} puntos',
  kernelFirstRows: 'se muestran las primeras {to} de {from} filas',
  kernelErrAllocation: 'la celda pidió más memoria de la que permite el navegador ({message}); el kernel sigue funcionando',
  kernelErrRecursion: 'las llamadas se anidaron demasiado: ¿una función que se llama a sí misma sin fin? ({message}); el kernel sigue funcionando',
  kernelDiedInCell: 'el kernel se detuvo mientras esta celda se ejecutaba (la celda lo cerró, se quedó sin memoria o falló); la salida posterior se perdió',
  kernelCrashedInCell: 'el kernel falló: {message}',
  kernelMessageError: 'no se pudo leer un mensaje del kernel',
  kernelRestartedShort: 'Kernel reiniciado.',
  kernelDied: 'El kernel se detuvo (una celda lo cerró, se quedó sin memoria o falló) y se reinició.',
  kernelLost: 'Las variables definidas por las celdas {cells} ya no existen: vuelve a ejecutarlas.',
};
