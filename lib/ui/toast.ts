import type { Layer } from './layer';
import { placeAfter } from './layer';

/**
 * A small note beside a badge ("Saved: Refused · Undo"), one at a time.
 * With an action, the action stays offered for `ms` milliseconds.
 */
export interface ToastOptions {
  text: string;
  action?: { label: string; hook?: string; run(): void };
  bad?: boolean;
  ms?: number;
}

export interface ToastHandle {
  close(): void;
}

let current: { el: HTMLElement; timer: ReturnType<typeof setTimeout> } | undefined;

export function closeToast(): void {
  if (!current) return;
  clearTimeout(current.timer);
  current.el.remove();
  current = undefined;
}

export function showToast(layer: Layer, anchor: Element, options: ToastOptions, testHooks: boolean = __TEST_HOOKS__): ToastHandle {
  closeToast();
  const doc = layer.host.ownerDocument;
  const el = layer.container(options.bad ? 'toast bad' : 'toast');
  el.setAttribute('role', options.bad ? 'alert' : 'status');
  const text = doc.createElement('span');
  text.textContent = options.text;
  el.appendChild(text);
  if (options.action) {
    const { action } = options;
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    if (__TEST_HOOKS__ && testHooks && action.hook) button.setAttribute('data-action', action.hook);
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      closeToast();
      action.run();
    });
    el.appendChild(button);
  }
  // Keep the page from acting on clicks and keys in the toast.
  for (const type of ['click', 'pointerdown', 'mousedown', 'keydown']) el.addEventListener(type, (e) => e.stopPropagation());
  placeAfter(el, anchor.getBoundingClientRect(), doc.defaultView!);
  const self = { el, timer: setTimeout(() => current?.el === el && closeToast(), options.ms ?? 6000) };
  current = self;
  return { close: () => current === self && closeToast() };
}
