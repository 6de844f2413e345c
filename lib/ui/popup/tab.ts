/**
 * The popup's view of the current tab: which tab, its host, and the listings
 * the overlay found there (the `listings` tab message of lib/messages/tab.ts).
 */
import { browser, type Browser } from 'wxt/browser';
import { hostOfUrl } from '../../detect/registration';
import { tabProtocol, type TabRequestType, type TabResponseOf } from '../../messages/tab';

export interface CurrentTab {
  id: number;
  /** Known when the popup was opened on the tab (activeTab) or the extension has host access to it. */
  url?: string;
  /** Host without `www.`, for http(s) pages only. */
  host?: string;
  title?: string;
}

/** `2gis.ru` for `https://www.2gis.ru/moscow` (as the overlay's switches spell hosts); undefined for chrome://, file:, extension pages. */
export const hostOf = hostOfUrl;

/** Whether a known URL is one the overlay can never run on (chrome://, the web store, file:…). */
export function isNotWeb(url: string | undefined): boolean {
  return !!url && !/^https?:/i.test(url);
}

/**
 * The tab the popup is about: the active tab of the current window, or, when
 * the popup is opened as a page (tests, or pinned in a tab), the one given by
 * `?tab=<id>`.
 */
export async function currentTab(search = location.search): Promise<CurrentTab | null> {
  const param = new URLSearchParams(search).get('tab');
  let tab: Browser.tabs.Tab | undefined;
  if (param && /^\d+$/.test(param)) {
    tab = await browser.tabs.get(Number(param)).catch(() => undefined);
  } else {
    [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  }
  if (!tab || tab.id === undefined) return null;
  let url = tab.url ?? tab.pendingUrl;
  // A page opened by a test is not the action's tab, so activeTab does not show its URL: tests name it.
  if (!url && __TEST_HOOKS__) url = new URLSearchParams(search).get('url') ?? undefined;
  return { id: tab.id, url, host: hostOf(url), title: tab.title };
}

export class NoOverlayError extends Error {}

/** Sends one request to the tab's content script; NoOverlayError when none answers. */
export async function askTab<T extends TabRequestType>(tabId: number, type: T, payload: unknown): Promise<TabResponseOf<T>> {
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, { target: 'callmark-tab', type, payload });
  } catch (error) {
    throw new NoOverlayError(error instanceof Error ? error.message : String(error));
  }
  const parsed = tabProtocol[type].response.safeParse(raw);
  if (!parsed.success) throw new NoOverlayError(`Unexpected answer to ${type}`);
  return parsed.data as TabResponseOf<T>;
}

export type TabListing = TabResponseOf<'listings'>['listings'][number];

/** The current keyboard shortcut that opens the popup ('' when the user removed it). */
export async function popupShortcut(): Promise<string> {
  try {
    const commands = await browser.commands.getAll();
    const command = commands.find((c) => c.name === '_execute_action' || c.name === '_execute_browser_action');
    return command?.shortcut ?? '';
  } catch {
    return '';
  }
}

/** Opens the browser's own page for changing extension shortcuts. */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (import.meta.env.FIREFOX && commands.openShortcutSettings) {
    await commands.openShortcutSettings();
    return;
  }
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
