// The kernel's private channel to the page (issue 11). Cell code runs in this worker and can call
// the worker's global postMessage, so anything on that channel may be forged; the page ignores it.
// The page's first message transfers a MessagePort; every real message travels on it. The port
// lives only in this module's scope, which cell code cannot see (cells are compiled with
// `new Function` over the global scope and a plain scope object). The built-ins that touch the
// port are captured at load, before any cell runs, so a cell that replaces
// `MessagePort.prototype.postMessage` or the `data` getter of MessageEvent is never handed the port.
import type { FromKernel, KernelInit, ToKernel } from './protocol';

const apply = Reflect.apply;
const portPost = MessagePort.prototype.postMessage as (m: unknown) => void;
const dataOf = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data')!.get!;
const setOnMessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!.set!;
const addListener = EventTarget.prototype.addEventListener;
const removeListener = EventTarget.prototype.removeEventListener;

export interface Channel {
  send(m: FromKernel): void;
}

/** Waits for the page's init message on the worker's own channel, then talks only on the port it carries. */
export function openChannel(scope: EventTarget, onMessage: (m: ToKernel) => void, onInit: (init: KernelInit) => void): Channel {
  let port: MessagePort | null = null;
  const early: FromKernel[] = [];
  const send = (m: FromKernel) => {
    if (port) apply(portPost, port, [m]);
    else early.push(m);
  };
  const onGlobal = (e: Event) => {
    const m = apply(dataOf, e, []) as Partial<KernelInit> | null;
    if (port || !m || typeof m !== 'object' || m.type !== 'init' || !(m.port instanceof MessagePort)) return;
    port = m.port;
    apply(removeListener, scope, ['message', onGlobal]);
    apply(setOnMessage, port, [(ev: MessageEvent) => onMessage(apply(dataOf, ev, []) as ToKernel)]);
    for (const x of early.splice(0)) send(x);
    onInit(m as KernelInit);
  };
  // a listener, not `self.onmessage`: a cell that sets `self.onmessage` changes nothing here
  apply(addListener, scope, ['message', onGlobal]);
  return { send };
}
