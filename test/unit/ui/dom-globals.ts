import type { JSDOM } from 'jsdom';

/** Preact creates elements through the global document: lend it a jsdom window's globals for a test. */
const GLOBALS = ['document', 'window', 'Node', 'Element', 'HTMLElement', 'Event', 'KeyboardEvent', 'MouseEvent', 'requestAnimationFrame', 'cancelAnimationFrame', 'AbortController', 'AbortSignal'] as const;

export function lendGlobals(dom: JSDOM): () => void {
  const saved: Record<string, unknown> = {};
  const g = globalThis as Record<string, unknown>;
  for (const name of GLOBALS) {
    saved[name] = g[name];
    g[name] = name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name];
  }
  return () => {
    for (const name of GLOBALS) g[name] = saved[name];
  };
}
