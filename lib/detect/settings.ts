import { browser } from 'wxt/browser';
import { DEFAULT_REFUSAL_REASONS } from '../model/defaults';
import { BASE_CHANGE_KEY, SETTINGS_KEY, onBaseChange, onLocalKey } from '../store/storage';

/**
 * The content script's view of settings and base changes, read straight from
 * extension storage like lib/store/settings.ts does, but without its zod
 * schema (the content script runs on every directory page and stays small).
 * The storage keys and shapes are lib/store/settings.ts's;
 * test/unit/detect/settings.test.ts writes through that module and reads
 * through this one, so the two cannot drift apart unnoticed.
 */
export { BASE_CHANGE_KEY, SETTINGS_KEY, onBaseChange };

export interface OverlaySettings {
  overlayEnabled: boolean;
  disabledSites: string[];
  refusalReasons: string[];
  requireRefusalReason: boolean;
  /** ISO 3166 alpha-2, for adapters that parse phones in free text. */
  defaultCountry: string;
  /** The interface language ('browser' or a language of ours, lib/ui/i18n.ts). */
  language: 'browser' | 'ru' | 'en';
  badgeSize: 'compact' | 'normal';
  /** Renamed reasons (old → new): a change redraws the badges, whose reasons the background follows. */
  reasonAliases: Record<string, string>;
}

export const DEFAULT_OVERLAY_SETTINGS: OverlaySettings = {
  overlayEnabled: true,
  disabledSites: [],
  refusalReasons: DEFAULT_REFUSAL_REASONS,
  requireRefusalReason: true,
  defaultCountry: 'RU',
  language: 'browser',
  badgeSize: 'normal',
  reasonAliases: {},
};

const strings = (value: unknown, max: number): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').slice(0, max) : undefined;

const aliases = (value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  }
  return out;
};

/** The fields the overlay needs, each falling back to its default when missing or malformed. */
export function readOverlaySettings(raw: unknown): OverlaySettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_OVERLAY_SETTINGS;
  return {
    overlayEnabled: typeof s.overlayEnabled === 'boolean' ? s.overlayEnabled : d.overlayEnabled,
    disabledSites: strings(s.disabledSites, 1000) ?? d.disabledSites,
    refusalReasons: (strings(s.refusalReasons, 100) ?? d.refusalReasons).map((r) => r.trim()),
    requireRefusalReason: typeof s.requireRefusalReason === 'boolean' ? s.requireRefusalReason : d.requireRefusalReason,
    defaultCountry: typeof s.defaultCountry === 'string' && /^[A-Z]{2}$/.test(s.defaultCountry) ? s.defaultCountry : d.defaultCountry,
    language: s.language === 'ru' || s.language === 'en' ? s.language : d.language,
    badgeSize: s.badgeSize === 'compact' ? 'compact' : d.badgeSize,
    reasonAliases: aliases(s.reasonAliases),
  };
}

export async function loadOverlaySettings(): Promise<OverlaySettings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return readOverlaySettings(stored[SETTINGS_KEY]);
}

export const onOverlaySettingsChanged = (listener: (settings: OverlaySettings) => void) =>
  onLocalKey(SETTINGS_KEY, (value) => listener(readOverlaySettings(value)));
