// What the kernel and the page's handle on it say about hostile or faulty cells (issue 11), in
// English. kernel.es.ts has the same keys (the type checks it).
export const kernelEn = {
  // the kernel's own channel and globals
  kernelForged: 'a cell posted a message to the page; it was ignored',
  kernelReplaced_one: '{names} was replaced by this cell; the next cells get the original back',
  kernelReplaced_other: '{names} were replaced by this cell; the next cells get the originals back',
  kernelRefusedOrigin: 'cells may only reach this app\'s own address; {url} was refused',
  kernelRefusedStorage: 'cells cannot use {name}: it holds your saved edits',
  kernelRefusedApi: 'cells cannot use {name}',
  kernelUncaught: 'an error in code the cell left running: {message}',
  // output limits
  kernelMoreLines: '+{n} more lines',
  kernelMoreText: '+{size} more text',
  kernelShowMore: 'show more',
  kernelDownload: 'download',
  kernelLinesDropped: '… {n} more lines were not kept (over {size})',
  kernelMoreOutputs: '+{n} more outputs were not shown (at most {max} per cell)',
  kernelDownsampled: 'downsampled from {from} to {to} points',
  kernelFirstRows: 'showing the first {to} of {from} rows',
  // errors the kernel survives
  kernelErrAllocation: 'the cell asked for more memory than the browser allows ({message}); the kernel is still running',
  kernelErrRecursion: 'the calls went too deep: a function that calls itself without end? ({message}); the kernel is still running',
  // the kernel itself stops
  kernelDiedInCell: 'the kernel stopped while this cell was running (the cell closed it, it ran out of memory or crashed); output after this point is lost',
  kernelCrashedInCell: 'the kernel crashed: {message}',
  kernelMessageError: 'a message from the kernel could not be read',
  kernelRestartedShort: 'Kernel restarted.',
  kernelDied: 'The kernel stopped (a cell closed it, it ran out of memory or crashed) and was restarted.',
  kernelLost: 'Variables defined by cells {cells} are gone: run them again.',
} as const;
