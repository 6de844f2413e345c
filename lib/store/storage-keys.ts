/**
 * Keys in extension storage. Written through lib/store/settings.ts (with zod),
 * read by the content script through lib/detect/settings.ts (without zod).
 */
export const SETTINGS_KEY = 'settings';
/** Every change to the base is announced under this key (see announceBaseChange). */
export const BASE_CHANGE_KEY = 'baseChange';
