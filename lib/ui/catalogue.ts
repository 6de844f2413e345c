/**
 * Loading our own catalogues for a language the user chose (see ./i18n.ts).
 * Extension pages and the background read them from the extension's files;
 * the content script cannot (they are not web-accessible), so it asks the
 * background (the `catalogue` message) and hands the answer to useCatalogue().
 */
import { browser } from 'wxt/browser';
import { chosenLanguage, LANGUAGES, useCatalogue, type Catalogue, type Language, type LanguageChoice } from './i18n';

/** `messages.json` as the browser's i18n reads it → key → message. */
export function catalogueOf(json: unknown): Catalogue {
  const out: Record<string, string> = {};
  if (json && typeof json === 'object') {
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
      const message = (value as { message?: unknown } | null)?.message;
      if (typeof message === 'string') out[key] = message;
    }
  }
  return out;
}

const loaded = new Map<Language, Promise<Catalogue>>();

/** A language's catalogue from the extension's own files (extension pages, the background). */
export function loadCatalogue(lang: Language): Promise<Catalogue> {
  let p = loaded.get(lang);
  if (!p) {
    const url = browser.runtime.getURL(`/_locales/${lang}/messages.json` as '/');
    p = fetch(url)
      .then((r) => r.json())
      .then(catalogueOf);
    p.catch(() => loaded.delete(lang));
    loaded.set(lang, p);
  }
  return p;
}

export const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * Makes t() speak the chosen language: 'browser' hands it back to the browser's
 * i18n. Returns whether the language changed. A catalogue that cannot be read
 * leaves the browser's language in place (the page still has words).
 */
export async function applyLanguage(choice: LanguageChoice | undefined, load: (lang: Language) => Promise<Catalogue> = loadCatalogue): Promise<boolean> {
  const before = chosenLanguage();
  const want = isLanguage(choice) ? choice : null;
  if (want === before) return false;
  if (!want) {
    useCatalogue(null);
    return true;
  }
  try {
    useCatalogue(want, await load(want));
  } catch (error) {
    console.warn('callmark: the catalogue could not be read', error);
    useCatalogue(null);
  }
  return chosenLanguage() !== before;
}
