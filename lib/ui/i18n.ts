import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

/** A key of the message catalogues in public/_locales (type-only import: nothing is bundled). */
export type MessageKey = keyof typeof en;

/**
 * Every word the UI shows goes through here. Add a key to both
 * public/_locales/en/messages.json and public/_locales/ru/messages.json.
 */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  try {
    return browser.i18n.getMessage(key, substitutions.map(String)) || key;
  } catch {
    return key; // unit tests run without the browser's catalogues
  }
}

/** The UI language the browser chose from our catalogues. */
export function uiLocale(): string {
  return browser.i18n.getUILanguage?.() || 'en';
}
