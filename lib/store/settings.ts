import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, Settings } from '../model/settings';
import { BASE_CHANGE_KEY, SETTINGS_KEY, onLocalKey } from './storage';

/**
 * Settings live in extension storage (not IndexedDB) so every part — the
 * content script included — reads them directly and hears changes at once.
 */
const KEY = SETTINGS_KEY;

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  const parsed = Settings.safeParse(stored ?? {});
  // A damaged record must not lock the user out: fall back to defaults.
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  return onLocalKey(KEY, (value) => {
    const parsed = Settings.safeParse(value ?? {});
    listener(parsed.success ? parsed.data : DEFAULT_SETTINGS);
  });
}

/**
 * Every change to the base is announced here, so that every tab's badges update
 * within a second without the background having to know which tabs show what.
 */
const CHANGE_KEY = BASE_CHANGE_KEY;

export interface BaseChange {
  at: number;
  /** Companies touched; empty means "anything may have changed" (an import). */
  companyIds: string[];
}

export async function announceBaseChange(companyIds: string[]): Promise<void> {
  const change: BaseChange = { at: Date.now(), companyIds };
  await browser.storage.local.set({ [CHANGE_KEY]: change });
}
