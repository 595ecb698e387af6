import { describe, expect, it } from 'vitest';
import { cspFor, DEV_PAGE_CSP, HARNESS_CSP, isKernelWorkerPath, KERNEL_CSP, META_CSP, PAGE_CSP } from './csp';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

describe('Content-Security-Policy', () => {
  it('the page: scripts from the app and WASM only, no inline script, no eval, no other origin', () => {
    expect(directive(PAGE_CSP, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(directive(PAGE_CSP, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(PAGE_CSP, 'worker-src')).toBe("worker-src 'self' blob:");
    expect(directive(PAGE_CSP, 'default-src')).toBe("default-src 'none'");
    for (const d of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(directive(PAGE_CSP, d)).toBe(`${d} 'none'`);
    expect(PAGE_CSP).not.toMatch(/https?:|\*/);
  });

  it('the <meta> leaves out what a <meta> cannot carry', () => {
    expect(META_CSP).not.toContain('frame-ancestors');
    expect(PAGE_CSP.startsWith(META_CSP)).toBe(true);
  });

  it('only the kernel worker may eval (running a cell); dev alone allows the inline React Refresh preamble; the harness alone blob: scripts', () => {
    expect(directive(KERNEL_CSP, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'");
    expect(directive(KERNEL_CSP, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(DEV_PAGE_CSP, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    expect(directive(HARNESS_CSP, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval' blob:");
  });

  it('picks the policy by path, in dev and in the build', () => {
    expect(isKernelWorkerPath('/assets/kernel.worker-COXqKOTt.js')).toBe(true);
    expect(isKernelWorkerPath('/src/notebook/kernel/kernel.worker.ts?worker_file&type=module')).toBe(true);
    expect(isKernelWorkerPath('/assets/shard.worker-9w6_4ax4.js')).toBe(false);
    expect(isKernelWorkerPath('/assets/pool.worker-Ab_12.js')).toBe(true);
    expect(isKernelWorkerPath('/src/tasks/pool.worker.ts?worker_file&type=module')).toBe(true);
    expect(isKernelWorkerPath('/assets/main-x.js?kernel.worker-a.js')).toBe(false);
    expect(cspFor('/assets/kernel.worker-COXqKOTt.js', false)).toBe(KERNEL_CSP);
    expect(cspFor('/', false)).toBe(PAGE_CSP);
    expect(cspFor('/index.html', true)).toBe(DEV_PAGE_CSP);
    expect(cspFor('/harness.html', false)).toBe(HARNESS_CSP);
  });
});
