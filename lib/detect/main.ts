import type { SiteAdapter } from '../sites/types';
import { holdLiveChannel } from '../sync/live-port';
import { startOverlay, type Overlay, type OverlayContext, type OverlayOptions } from './overlay';

/**
 * A content script's main: runs the overlay with the adapter that applies to
 * the page, and switches adapter (or stops) when SPA navigation moves to pages
 * another adapter handles (google.com/search → google.com/maps) or none does.
 */
export function runContentScript(
  ctx: OverlayContext,
  pick: (url: URL) => SiteAdapter | undefined,
  options: Omit<OverlayOptions, 'ctx' | 'adapter'> = {},
): { current(): Overlay | null } {
  const win = options.window ?? window;
  let adapter: SiteAdapter | undefined;
  let overlay: Overlay | null = null;

  const sync = () => {
    let next: SiteAdapter | undefined;
    try {
      next = pick(new URL(win.location.href));
    } catch {
      next = undefined;
    }
    if (next === adapter && (overlay || !next)) return;
    overlay?.stop();
    overlay = null;
    adapter = next;
    if (next) overlay = startOverlay({ ...options, ctx, adapter: next });
  };

  sync();
  // While a directory page is open, teammates' changes arrive live (lib/sync/background.ts).
  if (!options.window) ctx.onInvalidated(holdLiveChannel());
  ctx.addEventListener(win, 'wxt:locationchange', sync);
  ctx.addEventListener(win, 'popstate', sync);
  return { current: () => overlay };
}
