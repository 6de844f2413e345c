import { browser } from 'wxt/browser';
import type { ListingData } from '../model/listing';
import type { LookupResult } from '../model/lookup';
import type { RequestOf, RequestType, ResponseOf } from '../messages/protocol';
import { loadOverlaySettings, onBaseChange, onOverlaySettingsChanged, type OverlaySettings } from './settings';

export type { OverlaySettings };

/**
 * Everything the overlay needs from the rest of the extension, behind one
 * interface so tests can give it a fake. The default port talks to the
 * background with the protocol's envelope (lib/messages/protocol.ts) and reads
 * settings and base changes from extension storage (./settings.ts).
 */
export interface OverlayPort {
  lookup(listings: ListingData[]): Promise<LookupResult[]>;
  logCall(payload: RequestOf<'logCall'>): Promise<ResponseOf<'logCall'>>;
  undoCall(payload: RequestOf<'undoCall'>): Promise<ResponseOf<'undoCall'>>;
  loadSettings(): Promise<OverlaySettings>;
  onSettingsChanged(listener: (settings: OverlaySettings) => void): () => void;
  onBaseChanged(listener: (companyIds: string[]) => void): () => void;
}

/** A failed request: the background's error code and message, or `no_answer`. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The same envelope as lib/messages/client.ts `request`, without its zod
 * response schemas: the background's router already validates every answer
 * before sending it, and keeping zod out of the content script keeps the
 * script that runs on every directory page small.
 */
export async function send<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage({ type, payload });
  } catch (error) {
    throw new RequestError('no_answer', error instanceof Error ? error.message : String(error));
  }
  const r = (reply ?? {}) as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return r.data as ResponseOf<T>;
  if (r.ok === false) throw new RequestError(String(r.error?.code ?? 'internal'), String(r.error?.message ?? ''));
  throw new RequestError('no_answer', `Unexpected answer to ${type}`);
}

export function defaultPort(): OverlayPort {
  return {
    lookup: (listings) => send('lookup', { listings }),
    logCall: (payload) => send('logCall', payload),
    undoCall: (payload) => send('undoCall', payload),
    loadSettings: loadOverlaySettings,
    onSettingsChanged: onOverlaySettingsChanged,
    onBaseChanged: onBaseChange,
  };
}

/** Whether the user switched the overlay off on this host (`2gis.ru` also covers `www.2gis.ru` and `spb.2gis.ru`). */
export function isSiteDisabled(disabledSites: readonly string[], hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  return disabledSites.some((site) => {
    const s = site.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
    return !!s && (host === s || host.endsWith(`.${s}`));
  });
}
