import { browser } from 'wxt/browser';
import type { LookupResult, CompanyView } from '../model/lookup';
import type { SiteAdapter } from '../sites/types';
import { createBadgeRenderer } from '../ui/badge';
import { openCallMenu, currentMenu, type MenuHandle } from '../ui/call-menu';
import { t, uiLocale } from '../ui/i18n';
import { createLayer, type Layer } from '../ui/layer';
import type { MenuChoice } from '../ui/menu';
import { outcomeLabel } from '../ui/badge-view';
import { closeToast, showToast } from '../ui/toast';
import { createDetector, type Detector, type Listing } from './engine';
import { displayError } from '../messages/errors';
import { boundedUrl } from '../model/limits';
import { MessageError } from '../messages/transport';
import { defaultPort, isSiteDisabled, type OverlayPort } from './port';
import { DEFAULT_OVERLAY_SETTINGS } from './settings';
import { windowScheduler } from './schedule';
import { answerTabRequest, parseTabRequest, type TabServer } from './tab-server';
import { createCollector, type Collector } from './collector';

/**
 * The overlay of one page: the detector, its badges, the call menu, the
 * settings switches, live updates and the popup's tab requests, bound to the
 * content script's context so that all of it stops when the extension reloads.
 */

/** The parts of WXT's ContentScriptContext the overlay uses. */
export interface OverlayContext {
  readonly signal: AbortSignal;
  onInvalidated(cb: () => void): () => void;
  setTimeout(handler: () => void, timeout?: number): number;
  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number;
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
}

export interface OverlayOptions {
  ctx: OverlayContext;
  adapter: SiteAdapter;
  port?: OverlayPort;
  window?: Window & typeof globalThis;
  /** Listen to the popup's tab requests (off in unit tests). */
  serveTab?: boolean;
}

export interface Overlay {
  readonly detector: Detector;
  readonly enabled: boolean;
  tab: TabServer;
  /** Collect mode on this page (lib/detect/collector.ts). */
  readonly collector: Collector;
  /** Removes every badge and stops listening (also done when the context is invalidated). */
  stop(): void;
}

const RUNNING = Symbol.for('callmark.overlay');
const UNDO_MS = 6000;

/** The result a listing has once a call was logged for `company`. */
export function resultAfterCall(previous: LookupResult | undefined, company: CompanyView): LookupResult {
  const before = previous?.candidates.find((c) => c.companyId === company.id);
  return {
    match: 'exact',
    candidates: [
      { companyId: company.id, confidence: 'exact', via: before?.via ?? [], differences: before?.differences ?? [], name: company.name },
    ],
    company,
  };
}

/** Why a save failed, in words (lib/messages/errors.ts): never the background's raw output. */
export function errorText(error: unknown): string {
  if (error instanceof MessageError && error.code === 'no_answer') return t('menu_errNoAnswer');
  return `${t('menu_errNotSaved')} ${displayError(error)}`;
}

export function startOverlay(options: OverlayOptions): Overlay {
  const { ctx, adapter } = options;
  const win = options.window ?? window;
  const doc = win.document;
  // Content scripts of this extension share one isolated world: one overlay per page, the newest
  // wins (a script injected again after enabling a site replaces the one that ran before).
  const flags = win as unknown as Record<symbol, (() => void) | undefined>;
  flags[RUNNING]?.();
  // Everything below lives until stop(): on invalidation, or when SPA navigation leaves the adapter's pages.
  const life = new AbortController();
  const unsubscribe: Array<() => void> = [];
  const dropOnInvalidated = ctx.onInvalidated(() => stop());

  const port = options.port ?? defaultPort();
  const locale = uiLocale();
  let settings = DEFAULT_OVERLAY_SETTINGS;
  let layer: Layer | undefined;
  const getLayer = () => (layer ??= createLayer(doc));
  let menu: MenuHandle | undefined;
  let menuListing: Listing | undefined;

  const renderer = createBadgeRenderer<Listing>({
    document: doc,
    locale,
    signal: life.signal,
    onActivate: (listing, host) => toggleMenu(listing, host),
    onHover(listing, host) {
      if (!listing || currentMenu()) return getLayerIfAny()?.hideTip();
      getLayer().showTip(host, listing.data.name, renderer.viewOf(listing), renderer.detailsOf(listing));
    },
  });
  const getLayerIfAny = () => layer;

  const collector: Collector = createCollector({
    collect: (listings) => port.collect!(listings),
    listings: () => detector.listings(),
    setTimeout: (fn, ms) => ctx.setTimeout(() => life.signal.aborted || fn(), ms),
    clearTimeout: (id) => win.clearTimeout(id),
    onError: (error) => console.warn('callmark: collect', error),
  });

  const detector = createDetector({
    adapter,
    document: doc,
    scheduler: windowScheduler(win as never, ctx),
    defaultCountry: () => settings.defaultCountry,
    lookup: (listings) => port.lookup(listings),
    prepare: (listing) => renderer.prepare(listing),
    render(listing) {
      renderer.render(listing);
      // A listing with its answer: collect mode takes it if it is new to the base.
      collector.consider(listing);
    },
    unrender(listing) {
      renderer.unrender(listing);
      if (menuListing === listing) menu?.close('removed');
    },
    isRendered: (listing) => renderer.isRendered(listing),
    isOwnNode: (node) => renderer.isOwnNode(node),
    onError(error) {
      if (error instanceof MessageError && /context invalidated/i.test(error.message)) return;
      console.warn('callmark:', error);
    },
  });
  if (__TEST_HOOKS__) exposeStats(doc, detector, life.signal);

  // ---- the call menu ---------------------------------------------------------

  function toggleMenu(listing: Listing, host: HTMLElement): void {
    if (menu?.isOpen && menuListing === listing) {
      menu.close('escape');
      return;
    }
    const l = getLayer();
    l.hideTip();
    const result = listing.result;
    const uncertain = result && (result.match === 'several' || result.match === 'likely');
    const initialTarget = result && result.match !== 'none' ? (result.company?.id ?? result.candidates[0]?.companyId ?? null) : null;
    menuListing = listing;
    menu = openCallMenu({
      layer: l,
      badge: host,
      props: {
        title: listing.data.name,
        candidates: uncertain ? result.candidates.map((c) => ({ companyId: c.companyId, name: c.name, likely: c.confidence === 'likely' })) : [],
        initialTarget,
        reasons: settings.refusalReasons,
        requireReason: settings.requireRefusalReason,
        locale,
        now: () => new Date(),
        testHooks: __TEST_HOOKS__,
      },
      submit: (choice) => save(listing, choice),
      onClose(reason) {
        if (menuListing === listing) menuListing = undefined;
        if (reason === 'escape' || reason === 'saved') renderer.focus(listing);
      },
    });
  }

  /**
   * The id of the call being saved, kept until it is saved: saving the same choice
   * again after an error that may have come after the write (no answer) stores it once.
   */
  const unsaved = new WeakMap<Listing, { choice: string; callId: string }>();

  async function save(listing: Listing, choice: MenuChoice): Promise<void> {
    // The badge shows the new status at once; the background's answer replaces it.
    renderer.setPending(listing, { status: choice.outcome, reason: choice.reason, callbackAt: choice.callbackAt });
    const key = JSON.stringify(choice);
    const attempt = unsaved.get(listing)?.choice === key ? unsaved.get(listing)! : { choice: key, callId: crypto.randomUUID() };
    unsaved.set(listing, attempt);
    let saved;
    try {
      saved = await port.logCall({
        callId: attempt.callId,
        ...(choice.companyId ? { companyId: choice.companyId } : {}),
        listing: listing.data,
        call: {
          outcome: choice.outcome,
          ...(choice.reason ? { reason: choice.reason } : {}),
          ...(choice.note ? { note: choice.note } : {}),
          ...(choice.callbackAt ? { callbackAt: choice.callbackAt } : {}),
        },
        pageUrl: boundedUrl(win.location.href),
      });
    } catch (error) {
      renderer.setPending(listing, undefined);
      throw new Error(errorText(error));
    }
    unsaved.delete(listing);
    renderer.setPending(listing, undefined);
    const previous = listing.result;
    detector.setResult(listing, resultAfterCall(previous, saved.company));
    const host = renderer.hostOf(listing);
    if (!host) return;
    const callId = saved.call.id;
    showToast(getLayer(), host, {
      text: t('toast_saved', outcomeLabel(choice.outcome)),
      action: { label: t('toast_undo'), hook: 'undo', run: () => void undo(listing, callId, previous) },
      ms: UNDO_MS,
    });
  }

  async function undo(listing: Listing, callId: string, previous: LookupResult | undefined): Promise<void> {
    const host = renderer.hostOf(listing);
    try {
      const { company } = await port.undoCall({ callId });
      detector.setResult(listing, previous?.company?.id === company.id ? { ...previous, company } : resultAfterCall(undefined, company));
      const h = renderer.hostOf(listing) ?? host;
      if (h) showToast(getLayer(), h, { text: t('toast_undone'), ms: 2500 });
    } catch (error) {
      const h = renderer.hostOf(listing) ?? host;
      if (h) showToast(getLayer(), h, { text: `${t('toast_undoFailed')} ${errorText(error)}`, bad: true, ms: 8000 });
    }
  }

  // ---- switches and live updates ----------------------------------------------

  const enabled = () => settings.overlayEnabled && !isSiteDisabled(settings.disabledSites, win.location.hostname);
  const apply = () => {
    if (enabled()) {
      detector.start();
    } else if (detector.running) {
      menu?.close('removed');
      closeToast();
      layer?.hideTip();
      detector.stop();
    }
  };

  // Collect mode survives this tab's page loads on the same site: ask whether it is on.
  port.collectMode?.({}).then(
    (mode) => !life.signal.aborted && port.collect && collector.setOn(mode.on),
    () => undefined,
  );

  port.loadSettings().then(
    (loaded) => {
      settings = loaded;
      renderer.setSize(settings.badgeSize);
      if (!life.signal.aborted) apply();
    },
    (error: unknown) => {
      console.warn('callmark: settings unavailable', error);
      if (!life.signal.aborted) apply();
    },
  );
  unsubscribe.push(
    port.onSettingsChanged((next) => {
      // A renamed reason: the background answers with the new name, so every badge asks again.
      const renamed = JSON.stringify(next.reasonAliases) !== JSON.stringify(settings.reasonAliases);
      settings = next;
      renderer.setSize(settings.badgeSize);
      apply();
      if (renamed) detector.refresh([]);
    }),
    port.onBaseChanged((companyIds) => detector.refresh(companyIds)),
  );

  // SPA navigation: WXT's watcher, popstate, and the detector's own URL check after mutations.
  const navigate = () => detector.navigate();
  ctx.addEventListener(win, 'wxt:locationchange', () => life.signal.aborted || navigate());
  win.addEventListener('popstate', navigate, { signal: life.signal });

  const tab: TabServer = {
    listings: () => ({
      directory: detector.running ? adapter.id : null,
      listings: detector
        .listings()
        .slice(0, 5000)
        .map((l) => ({ key: l.key, data: l.data, ...(l.result ? { result: l.result } : {}) })),
    }),
    reveal(key) {
      const listing = detector.get(key);
      if (!listing || !listing.card.isConnected) return { found: false };
      listing.card.scrollIntoView({ block: 'center', behavior: 'smooth' });
      renderer.flash(listing);
      return { found: true };
    },
    collect(on) {
      if (port.collect) collector.setOn(on);
      return { on: collector.on };
    },
  };

  if (options.serveTab !== false) {
    const onMessage = (message: unknown, sender: { id?: string }, sendResponse: (response: unknown) => void) => {
      const request = parseTabRequest(message);
      if (!request || sender.id !== browser.runtime.id) return undefined;
      sendResponse(answerTabRequest(tab, request));
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    unsubscribe.push(() => browser.runtime.onMessage.removeListener(onMessage));
  }

  function stop(): void {
    if (life.signal.aborted) return;
    life.abort();
    dropOnInvalidated();
    unsubscribe.forEach((off) => off());
    menu?.close('removed');
    closeToast();
    collector.stop();
    detector.stop();
    layer?.destroy();
    if (flags[RUNNING] === stop) delete flags[RUNNING];
  }
  flags[RUNNING] = stop;

  return {
    detector,
    get enabled() {
      return detector.running;
    },
    tab,
    collector,
    stop,
  };
}

/** Test builds only: the detector's figures on <html data-callmark-stats>, for the benchmark and e2e tests. */
function exposeStats(doc: Document, detector: Detector, signal: AbortSignal): void {
  const loop = () => {
    if (signal.aborted) return doc.documentElement.removeAttribute('data-callmark-stats');
    void detector.whenIdle().then(() => {
      if (signal.aborted) return;
      const stats = { ...detector.stats, listings: detector.listings().length, running: detector.running };
      doc.documentElement.setAttribute('data-callmark-stats', JSON.stringify(stats));
      setTimeout(loop, 100);
    });
  };
  loop();
}
