/**
 * Collect mode, per tab: switched on from the popup, the tab's content script
 * keeps adding the new listings it finds (lib/detect/collector.ts) while the
 * user scrolls or pages through that site's results, with a running count on
 * the toolbar icon of that tab. It ends when switched off, when the tab closes
 * (the background's tabs.onRemoved), when the tab goes to another site, and
 * with the browser session.
 *
 * The state lives in the background's session storage (a service worker keeps
 * nothing in memory), which content scripts cannot read: a page never learns
 * that it is being collected, and cannot switch collecting on.
 */
import { browser } from 'wxt/browser';
import { hostOfUrl, normalizeHost } from '../detect/registration';

export interface CollectModeState {
  on: boolean;
  /** Companies added by collect mode in this tab since it was switched on. */
  added: number;
}

interface Stored {
  added: number;
  /** The site it was switched on for (`zoon.ru`); set by the popup, or by the first page that reports. */
  host?: string;
}

const OFF: CollectModeState = { on: false, added: 0 };
const keyOf = (tabId: number) => `collect:${tabId}`;

/** The same site: equal hosts, or one a subdomain of the other (spb.zoon.ru, zoon.ru). */
const sameSite = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

export interface CollectModes {
  /** The popup's view of a tab. */
  get(tabId: number): Promise<CollectModeState>;
  /** The popup switches it on (from zero) or off. */
  set(tabId: number, on: boolean, host?: string): Promise<CollectModeState>;
  /** A page of the tab asks whether to collect: only on the site it was switched on for. */
  pageAsks(tabId: number, url: string | undefined): Promise<CollectModeState>;
  /** A page of the tab collected `created` new companies. */
  added(tabId: number, url: string | undefined, created: number): Promise<CollectModeState>;
  /** The tab closed. */
  closed(tabId: number): Promise<void>;
}

interface Area {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
type Action = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor'>;

export function createCollectModes(area: Area = browser.storage.session, action: Action | undefined = browser.action): CollectModes {
  const read = async (tabId: number): Promise<Stored | undefined> => (await area.get(keyOf(tabId)))[keyOf(tabId)] as Stored | undefined;
  /** The count on the toolbar icon of that tab while collecting. */
  const badge = async (tabId: number, state: CollectModeState) => {
    try {
      await action?.setBadgeText({ tabId, text: state.on ? String(Math.min(state.added, 9999)) : '' });
      if (state.on) await action?.setBadgeBackgroundColor({ tabId, color: '#2e7d32' });
    } catch {
      // The tab closed meanwhile.
    }
  };
  const end = async (tabId: number) => {
    await area.remove(keyOf(tabId));
    await badge(tabId, OFF);
    return OFF;
  };
  /** The stored state for a page at `url`, fixing the site on first report; ended when the page is another site's. */
  const forPage = async (tabId: number, url: string | undefined): Promise<Stored | undefined> => {
    const stored = await read(tabId);
    if (!stored) return undefined;
    const host = hostOfUrl(url);
    if (!host) return undefined;
    if (!stored.host) {
      const next = { ...stored, host };
      await area.set({ [keyOf(tabId)]: next });
      return next;
    }
    if (!sameSite(stored.host, host)) {
      await end(tabId);
      return undefined;
    }
    return stored;
  };

  return {
    async get(tabId) {
      const stored = await read(tabId);
      return stored ? { on: true, added: stored.added } : OFF;
    },
    async set(tabId, on, host) {
      if (!on) return end(tabId);
      const stored: Stored = { added: 0, ...(host ? { host: normalizeHost(host) ?? host } : {}) };
      await area.set({ [keyOf(tabId)]: stored });
      const state = { on: true, added: 0 };
      await badge(tabId, state);
      return state;
    },
    async pageAsks(tabId, url) {
      const stored = await forPage(tabId, url);
      if (!stored) return OFF;
      const state = { on: true, added: stored.added };
      // A new page of the tab: the browser may have dropped the tab's badge with the old one.
      await badge(tabId, state);
      return state;
    },
    async added(tabId, url, created) {
      const stored = await forPage(tabId, url);
      if (!stored) return OFF;
      const next = { ...stored, added: stored.added + created };
      if (created > 0) await area.set({ [keyOf(tabId)]: next });
      const state = { on: true, added: next.added };
      await badge(tabId, state);
      return state;
    },
    async closed(tabId) {
      await area.remove(keyOf(tabId));
    },
  };
}
