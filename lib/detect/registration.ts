import { browser } from 'wxt/browser';
import { loadSettings, saveSettings } from '../store/settings';

/**
 * Generic detection on sites the user turned on. The popup asks for the
 * optional host permission (`originsFor(host)`, inside the click's user
 * gesture), then calls `enableSite(host)`: the host joins settings.extraSites
 * and one runtime-registered content script (entrypoints/generic.content.ts,
 * built to content-scripts/generic.js) covers every such host. `injectNow`
 * runs it in the current tab at once, without a reload.
 */
export const GENERIC_SCRIPT_ID = 'callmark-generic';
/** Where WXT puts a content script entrypoint named `generic` (entrypoints/generic.content.ts). */
export const GENERIC_SCRIPT_FILE = '/content-scripts/generic.js';

/** `www.Example.com.` → `example.com`; null when it is not a host name. */
export function normalizeHost(input: string): string | null {
  let host = input.trim().toLowerCase();
  if (!host) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  if (!/^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?)(\.[a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?)*$/.test(host)) return null;
  return host;
}

/** The host of an http(s) URL as normalizeHost spells it (`2gis.ru` for `https://www.2gis.ru/moscow`); undefined for anything else. */
export function hostOfUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return normalizeHost(u.hostname) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The match patterns (and permission origins) of a host: itself and its subdomains. */
export function originsFor(host: string): string[] {
  const h = normalizeHost(host);
  return h ? [`*://${h}/*`, `*://*.${h}/*`] : [];
}

const hostOfPattern = (pattern: string): string | null => {
  const m = /^\*:\/\/(?:\*\.)?([^/]+)\/\*$/.exec(pattern);
  return m ? m[1]! : null;
};

/** Registers, updates or removes the one generic content script so it covers exactly these hosts. */
export async function syncRegistration(hosts: readonly string[]): Promise<void> {
  // Only hosts whose permission is (still) granted: registering without it fails.
  const granted: string[] = [];
  for (const host of hosts) {
    const origins = originsFor(host);
    if (origins.length && (await browser.permissions.contains({ origins }))) granted.push(...origins);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [GENERIC_SCRIPT_ID] });
  if (granted.length === 0) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [GENERIC_SCRIPT_ID] });
    return;
  }
  const script = { id: GENERIC_SCRIPT_ID, matches: granted, js: [GENERIC_SCRIPT_FILE], runAt: 'document_idle' as const, persistAcrossSessions: true };
  if (existing.length) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
}

/** Turns generic detection on for a host (call after the permission for originsFor(host) was granted). */
export async function enableSite(host: string): Promise<string[]> {
  const h = normalizeHost(host);
  if (!h) throw new Error(`"${host}" is not a site`);
  const settings = await loadSettings();
  const extraSites = settings.extraSites.includes(h) ? settings.extraSites : [...settings.extraSites, h];
  // Turning a site on also lifts a per-site "off" switch for it.
  const disabledSites = settings.disabledSites.filter((s) => normalizeHost(s) !== h);
  await saveSettings({ extraSites, disabledSites });
  await syncRegistration(extraSites);
  return extraSites;
}

/** Turns generic detection off for a host; the permission may then be removed by the caller. */
export async function disableSite(host: string): Promise<string[]> {
  const h = normalizeHost(host);
  const settings = await loadSettings();
  const extraSites = settings.extraSites.filter((s) => s !== h);
  await saveSettings({ extraSites });
  await syncRegistration(extraSites);
  return extraSites;
}

/** The hosts the generic content script is registered for now. */
export async function registeredSites(): Promise<string[]> {
  const [script] = await browser.scripting.getRegisteredContentScripts({ ids: [GENERIC_SCRIPT_ID] });
  const hosts = (script?.matches ?? []).map(hostOfPattern).filter((h): h is string => !!h);
  return [...new Set(hosts)];
}

/** Runs the generic content script in a tab now (after enabling its site), so the user needs no reload. */
export async function injectNow(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [GENERIC_SCRIPT_FILE] });
}
