import { afterEach, describe, expect, it } from 'vitest';

// The WebGPU flag constants some modules read at load (Node has no WebGPU), with the spec's values
Object.assign(globalThis, {
  GPUBufferUsage: { MAP_READ: 0x1, MAP_WRITE: 0x2, COPY_SRC: 0x4, COPY_DST: 0x8, INDEX: 0x10, VERTEX: 0x20, UNIFORM: 0x40, STORAGE: 0x80, INDIRECT: 0x100, QUERY_RESOLVE: 0x200 },
  GPUMapMode: { READ: 0x1, WRITE: 0x2 },
  GPUShaderStage: { VERTEX: 0x1, FRAGMENT: 0x2, COMPUTE: 0x4 },
});
const { GpuContext } = await import('./context');
type GpuContext = import('./context').GpuContext;

/** A context on a fake device whose loss has already been reported (what the epoch loop meets after a reset). */
async function lostContext(): Promise<GpuContext> {
  const device = {
    lost: Promise.resolve({ reason: 'destroyed', message: 'test' }),
    addEventListener: () => undefined,
  };
  // the constructor only watches the device; the other parts are not touched by guard()
  const Ctor = GpuContext as unknown as new (...args: unknown[]) => GpuContext;
  const ctx = new Ctor(device, 'fake', {}, {}, 'resident', {}, [], {}, {}, true, { kind: 'registers' });
  await new Promise((r) => setTimeout(r, 0));
  return ctx;
}

describe('GpuContext.guard after a device loss', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('throws the loss, and the abandoned work rejecting later is not an unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    const ctx = await lostContext();
    expect(ctx.lostError?.name).toBe('DeviceLostError');
    // a read-back started after the loss: its mapAsync rejects once init() destroys the staging buffer
    const read = new Promise<ArrayBuffer>((_, reject) => setTimeout(() => reject(new DOMException('Buffer was destroyed before mapping was resolved.', 'AbortError')), 10));
    await expect(ctx.guard(read)).rejects.toMatchObject({ name: 'DeviceLostError' });
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});
