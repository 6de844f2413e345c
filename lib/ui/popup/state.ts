/** The popup's shared state: settings, where the user is, and the last save (for undo). */
import { signal } from '@preact/signals';
import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../../match/phone';
import { isValidInn } from '../../match/inn';
import { domainOf } from '../../match/domain';
import type { ListingData, LookupResult, Settings } from '../../model';
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
export const section = signal<Section>('tab');
export const formTarget = signal<FormTarget | null>(null);

export interface Saved {
  companyName: string;
  /** The call that may be undone, if one was logged. */
  callId?: string;
  at: number;
}
export const lastSaved = signal<Saved | null>(null);

/** Client-side checks with the settings' phone country. */
export function checkersFor(s: Settings | null): Checkers {
  const country = (s?.defaultCountry ?? 'RU') as CountryCode;
  return {
    phone: (raw) => normalizePhone(raw, country),
    inn: isValidInn,
    domain: domainOf,
  };
}
