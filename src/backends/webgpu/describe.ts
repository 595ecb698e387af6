// What the webgpu backend says about itself: its active mode, and the message of a lost device.
import type { Mode } from './pipelines';

/** describe(): the mode, how often the loss comes back, and on which adapter. */
export function describeWebgpu(mode: Mode, readbackEvery: number, adapterName?: string): string {
  const where = adapterName ? ` on ${adapterName}` : '';
  if (mode === 'naive') return `naive: each batch uploaded, loss read back every step${where}`;
  const rb = readbackEvery > 0 ? `every ${readbackEvery} steps` : 'once per epoch';
  return `resident: data and weights on the GPU, loss read back ${rb}${where}`;
}

export function deviceLostMessage(reason: string, message: string): string {
  return `webgpu: the GPU device was lost (reason: ${reason}${message ? `; ${message}` : ''}). ` +
    'The run was stopped and the weights on the GPU are gone; initialise the backend again to continue.';
}
