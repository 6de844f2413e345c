/** The popup's shared state: settings, where the user is, and the last save (for undo). */
import { signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../../match/phone';
import { isValidInn } from '../../match/inn';
import { domainOf } from '../../match/domain';
import type { CompanyView, ListingData, LookupResult, Settings } from '../../model';
import type { Checkers } from './form';

export type Section = 'tab' | 'search' | 'callbacks';

/** What the call form is about. */
export type FormTarget =
  | {
      kind: 'listing';
      /** The overlay's key for the listing on its page (for `reveal`). */
      key: string;
      listing: ListingData;
      result?: LookupResult;
      tabId: number;
      pageUrl?: string;
    }
  | { kind: 'company'; companyId: string; pageUrl?: string };

export const settings = signal<Settings | null>(null);
/** Opened at #callbacks (the missed call-backs' notification opens it so, in a tab): the call-back list first. */
export const section = signal<Section>(typeof location !== 'undefined' && location.hash === '#callbacks' ? 'callbacks' : 'tab');
export const formTarget = signal<FormTarget | null>(null);

export interface Saved {
  companyName: string;
  /** The call that may be undone, if one was logged. */
  callId?: string;
  /** The overlay's key of the listing the call was logged from. */
  listingKey?: string;
  at: number;
}
export const lastSaved = signal<Saved | null>(null);

/**
 * What the popup itself just saved, by listing key: shown at once in "This tab",
 * before the page's overlay has looked the listing up again.
 */
export const listingOverrides = signal<Record<string, CompanyView>>({});
export const overrideListing = (key: string | undefined, view: CompanyView | undefined) => {
  if (key && view) listingOverrides.value = { ...listingOverrides.value, [key]: view };
};

/** Client-side checks with the settings' phone country. */
export function checkersFor(s: Settings | null): Checkers {
  const country = (s?.defaultCountry ?? 'RU') as CountryCode;
  return {
    phone: (raw) => normalizePhone(raw, country),
    inn: isValidInn,
    domain: domainOf,
  };
}
