import type { SiteAdapter } from '../sites/types';
import { send } from '../messages/transport';
import { applyLanguage } from '../ui/catalogue';
import { loadOverlaySettings, onOverlaySettingsChanged } from './settings';
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

  // The language chosen in settings: its catalogue comes from the background (the content
  // script cannot read the extension's files); a change redraws the page's badges in it.
  const language = (choice: 'browser' | 'ru' | 'en') => applyLanguage(choice, (lang) => send('catalogue', { language: lang }));
  if (options.window) sync();
  else {
    let chosen: string | undefined;
    void loadOverlaySettings()
      .then((s) => ((chosen = s.language), language(s.language)))
      .catch((error: unknown) => console.warn('callmark: no catalogue', error))
      .finally(sync);
    ctx.onInvalidated(
      onOverlaySettingsChanged((s) => {
        if (s.language === chosen) return;
        chosen = s.language;
        void language(s.language).then((changed) => {
          if (!changed || !overlay) return;
          overlay.stop();
          overlay = null;
          adapter = undefined;
          sync();
        });
      }),
    );
  }
  // While a directory page is open, teammates' changes arrive live (lib/sync/background.ts).
  if (!options.window) ctx.onInvalidated(holdLiveChannel());
  ctx.addEventListener(win, 'wxt:locationchange', sync);
  ctx.addEventListener(win, 'popstate', sync);
  return { current: () => overlay };
}
