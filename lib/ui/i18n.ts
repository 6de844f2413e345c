import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

/** A key of the message catalogues in public/_locales (type-only import: nothing is bundled). */
export type MessageKey = keyof typeof en;

/** A plural message's base: `count_calls` for the keys `count_calls_one`, `_few`, `_many`, `_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;

/** The languages we have catalogues for, and the setting that picks one. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type LanguageChoice = 'browser' | Language;

/** A catalogue as t() reads it: key → message text. */
export type Catalogue = Readonly<Record<string, string>>;

/**
 * The catalogue of a language the user chose (settings → Language). The
 * browser's own i18n picks its language once, from the browser's, and cannot
 * be switched while running; so when the user chooses one, t() reads our own
 * copy of that catalogue (loaded by lib/ui/catalogue.ts, or handed to the
 * content script by the background), and with none it asks the browser.
 */
let chosen: { lang: Language; messages: Catalogue } | null = null;
let version = 0;

/** Switches t() to a catalogue (null: back to the browser's language). */
export function useCatalogue(lang: Language | null, messages?: Catalogue): void {
  chosen = lang && messages ? { lang, messages } : null;
  version++;
  plurals = undefined;
}

/** Changes whenever the language does: caches of translated text key on it. */
export const catalogueVersion = () => version;

/** The language chosen in settings, if the page runs on our own catalogue. */
export const chosenLanguage = (): Language | null => chosen?.lang ?? null;

/** `$1`…`$9` as the browser's i18n fills them; `$$` is a dollar sign. */
export function substitute(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\d|\$)/g, (_, n: string) => (n === '$' ? '$' : (substitutions[Number(n) - 1] ?? '')));
}

/**
 * Every word the UI shows goes through here. Add a key to both
 * public/_locales/en/messages.json and public/_locales/ru/messages.json.
 */
export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  if (chosen) {
    const message = chosen.messages[key];
    return message === undefined ? key : substitute(message, substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s)));
  }
  try {
    return browser.i18n.getMessage(key, substitutions.map((s) => (typeof s === 'number' ? formatNumber(s) : s))) || key;
  } catch {
    return key; // unit tests run without the browser's catalogues
  }
}

/** The UI language: the one chosen in settings, else the browser's. */
let browserLanguage: { ask: unknown; lang: string } | undefined;
export function uiLocale(): string {
  if (chosen) return chosen.lang;
  try {
    // Asked once per page (it changes only with a browser restart): every number and date cell asks.
    const ask = browser.i18n.getUILanguage;
    if (browserLanguage?.ask !== ask) browserLanguage = { ask, lang: ask?.() || 'en' };
    return browserLanguage.lang;
  } catch {
    return 'en';
  }
}

/** The plural rules of the language they were made for: the language can change while a page or the background runs. */
let plurals: { locale: string; rules: Intl.PluralRules } | undefined;
/**
 * A counted phrase in the UI language's plural form (Intl.PluralRules):
 * "1 звонок", "2 звонка", "5 звонков". The catalogues carry `<key>_one`,
 * `_few`, `_many` and `_other` for every plural key (English uses one and other).
 */
export function plural(key: PluralKey, count: number, ...more: Array<string | number>): string {
  const locale = uiLocale();
  if (plurals?.locale !== locale) plurals = { locale, rules: new Intl.PluralRules(locale) };
  const form = plurals.rules.select(count);
  const k = `${key}_${form}` as MessageKey;
  const text = t(k, count, ...more);
  return text === k ? t(`${key}_other` as MessageKey, count, ...more) : text;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number as the UI language writes it: "1 234,5" (ru), "1,234.5" (en). */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = { maximumFractionDigits: 1 }): string {
  const locale = uiLocale();
  const id = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(id);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      f = new Intl.NumberFormat('en', options);
    }
    numberFormats.set(id, f);
  }
  return f.format(n);
}

/** Sets <html lang> to the UI language (extension pages). */
export function setDocumentLanguage(doc: Document): void {
  doc.documentElement.lang = uiLocale().split('-')[0] ?? 'en';
}
