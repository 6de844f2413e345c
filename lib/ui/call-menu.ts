import { displayError } from '../messages/errors';
import type { Layer } from './layer';
import { placeBeside } from './layer';
import { mountCallMenu, type CallMenuProps, type MenuChoice, type MenuView } from './menu';

/**
 * Opens the call menu beside a badge and keeps it there: repositioned on
 * scroll and resize, closed when the badge scrolls away, on Esc, or on a click
 * outside. While a save is in flight the menu stays open (disabled); a failed
 * save leaves everything typed in place and shows why.
 */
export type CloseReason = 'escape' | 'outside' | 'scroll' | 'saved' | 'replaced' | 'removed';

export interface OpenMenuOptions {
  layer: Layer;
  /** The badge's host element the menu belongs to. */
  badge: Element;
  props: Omit<CallMenuProps, 'busy' | 'error' | 'onSubmit' | 'onClose'>;
  /** Saves the choice; rejects with an Error whose message the menu shows. */
  submit(choice: MenuChoice): Promise<void>;
  onClose?(reason: CloseReason): void;
}

export interface MenuHandle {
  readonly badge: Element;
  close(reason: CloseReason): void;
  readonly isOpen: boolean;
}

let current: MenuHandle | undefined;

export function currentMenu(): MenuHandle | undefined {
  return current?.isOpen ? current : undefined;
}

export function openCallMenu(options: OpenMenuOptions): MenuHandle {
  current?.close('replaced');
  const { layer, badge } = options;
  const doc = layer.host.ownerDocument;
  const win = doc.defaultView!;
  const el = layer.container('menu');
  const controller = new AbortController();
  let open = true;
  let busy = false;
  let error: string | null = null;

  // The page must not see keys typed or clicks made in the menu (site hotkeys, card handlers).
  for (const type of ['keydown', 'keyup', 'keypress', 'click', 'pointerdown', 'mousedown', 'mouseup', 'input', 'wheel']) {
    el.addEventListener(type, (e) => e.stopPropagation(), { signal: controller.signal });
  }

  let view: MenuView | undefined;
  const draw = () => {
    if (!open) return;
    if (view) return view.update({ busy, error });
    view = mountCallMenu(el, {
      ...options.props,
      busy,
      error,
      onClose: () => handle.close('escape'),
      onSubmit: (choice) => {
        busy = true;
        error = null;
        draw();
        options.submit(choice).then(
          () => handle.close('saved'),
          (e: unknown) => {
            busy = false;
            // Words only: whatever the save rejected with, no raw output reaches the menu.
            error = displayError(e);
            draw();
          },
        );
      },
    });
  };

  const place = () => {
    if (!open) return;
    const rect = badge.getBoundingClientRect();
    const vh = win.innerHeight;
    if (!badge.isConnected || rect.bottom < 0 || rect.top > vh || (rect.width === 0 && rect.height === 0)) {
      handle.close('scroll');
      return;
    }
    placeBeside(el, rect, win);
  };

  const handle: MenuHandle = {
    badge,
    get isOpen() {
      return open;
    },
    close(reason) {
      if (!open) return;
      open = false;
      controller.abort();
      view?.destroy();
      el.remove();
      if (current === handle) current = undefined;
      options.onClose?.(reason);
    },
  };
  current = handle;

  draw();
  place();
  const opts = { capture: true, signal: controller.signal } as const;
  win.addEventListener(
    'pointerdown',
    (event) => {
      const path = event.composedPath();
      if (!path.includes(layer.host) && !path.includes(badge)) handle.close('outside');
    },
    opts,
  );
  win.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && !event.composedPath().includes(layer.host)) handle.close('escape');
    },
    opts,
  );
  win.addEventListener('scroll', place, { ...opts, passive: true });
  win.addEventListener('resize', place, { signal: controller.signal, passive: true });
  return handle;
}
