import { expect, it } from 'vitest';
import { openChannel } from './channel';
import type { FromKernel, ToKernel } from './protocol';

const tick = () => new Promise((r) => setTimeout(r, 20));

it('talks only on the port of the page\'s init message; a cell\'s self.onmessage or patched built-ins never see it', async () => {
  const global = new EventTarget() as EventTarget & { onmessage?: unknown };
  const got: ToKernel[] = [];
  let inits = 0;
  const ch = openChannel(global, (m) => got.push(m), () => inits++);
  ch.send({ type: 'alive' }); // before init: kept, then sent on the port
  const { port1: page, port2 } = new MessageChannel();
  const fromKernel: FromKernel[] = [];
  page.onmessage = (e) => fromKernel.push(e.data as FromKernel);
  global.dispatchEvent(new MessageEvent('message', { data: { type: 'init', port: port2, lock: 'L' } }));
  expect(inits).toBe(1);

  // what cell code might do next: take over the global handler, patch the port's postMessage
  global.onmessage = () => { throw new Error('cell'); };
  const realPost = MessagePort.prototype.postMessage;
  const leaked: unknown[] = [];
  MessagePort.prototype.postMessage = function (this: MessagePort, m: unknown) { leaked.push(this); return realPost.call(this, m); };
  try {
    ch.send({ type: 'done', runId: 1, status: 'ok' });
    page.postMessage({ type: 'stop' } satisfies ToKernel);
    // a second init (a forged one) is not taken
    const other = new MessageChannel();
    global.dispatchEvent(new MessageEvent('message', { data: { type: 'init', port: other.port2, lock: 'M' } }));
    expect(inits).toBe(1);
    other.port1.close();
    await tick();
  } finally {
    MessagePort.prototype.postMessage = realPost;
  }
  expect(leaked).toEqual([page]); // only the page's own postMessage above went through the patch
  expect(fromKernel).toEqual([{ type: 'alive' }, { type: 'done', runId: 1, status: 'ok' }]);
  expect(got).toEqual([{ type: 'stop' }]);
  page.close();
  port2.close();
});
