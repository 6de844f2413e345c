import type { ListingData } from '../model/listing';
import type { LookupResult } from '../model/lookup';
import type { RequestOf, ResponseOf } from '../messages/protocol';
import { send } from '../messages/transport';
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
  /** Collect mode (lib/detect/collector.ts); a port without these never collects. */
  collect?(listings: ListingData[]): Promise<ResponseOf<'collect'>>;
  collectMode?(payload: RequestOf<'collectMode'>): Promise<ResponseOf<'collectMode'>>;
  loadSettings(): Promise<OverlaySettings>;
  onSettingsChanged(listener: (settings: OverlaySettings) => void): () => void;
  onBaseChanged(listener: (companyIds: string[]) => void): () => void;
}

export function defaultPort(): OverlayPort {
  return {
    lookup: (listings) => send('lookup', { listings }),
    logCall: (payload) => send('logCall', payload),
    undoCall: (payload) => send('undoCall', payload),
    collect: (listings) => send('collect', { listings }),
    collectMode: (payload) => send('collectMode', payload),
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
