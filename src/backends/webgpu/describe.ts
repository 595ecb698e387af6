// What the webgpu backend says about itself: its active mode, and the error of a lost device.
import { BackendError, msg, type BackendText } from '../messages';
import { tileSides, type Mode, type Tiling } from './pipelines';

/** describe(): the mode, how often the loss comes back, on which adapter, and whether that adapter is a CPU emulation. */
export function describeWebgpu(mode: Mode, readbackEvery: number, adapterName?: string, software = false, tiling?: Tiling): BackendText {
  const where = adapterName ? msg('on_adapter', { adapter: adapterName }) : '';
  const what = mode === 'naive' ? msg('describe_webgpu_naive', { where })
    : readbackEvery > 0 ? msg('describe_webgpu_resident_every', { every: readbackEvery, where }) : msg('describe_webgpu_resident', { where });
  const parts = [what];
  if (tiling?.kind === 'shared') {
    parts.push(msg('webgpu_tiles_shared', { forward: tileSides(tiling.forward), weight: tileSides(tiling.weight) }));
    if (tiling.weight2) parts.push(msg('webgpu_tiles_shared_w2', { weight2: tileSides(tiling.weight2) }));
  }
  if (software) parts.push(msg('webgpu_software_adapter'));
  return parts.length === 1 ? what : parts;
}

/** The GPU device went away (driver reset, another tab, destroy()): the run stops and says why. */
export class DeviceLostError extends BackendError {
  constructor(reason: string, detail: string) {
    super('webgpu', 'error_device_lost', { reason, detail: detail ? `; ${detail}` : '' });
    this.name = 'DeviceLostError';
  }
}
