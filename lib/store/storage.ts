import { browser } from 'wxt/browser';

/**
 * Extension storage: its keys, and listening to them without zod, so the
 * content script (which runs on every directory page) can use it too.
 * Settings are written through lib/store/settings.ts (with zod).
 */
export const SETTINGS_KEY = 'settings';
/** Every change to the base is announced under this key (see announceBaseChange). */
export const BASE_CHANGE_KEY = 'baseChange';
/** Column mappings the user chose on import, by the file's set of headers (lib/io/columns.ts). */
export const IMPORT_MAPPINGS_KEY = 'importMappings';
/** When the last full backup was downloaded (ISO time). */
export const LAST_BACKUP_KEY = 'lastBackupAt';
/** Collect mode, per tab: `collect:<tabId>` in session storage (lib/io/collect.ts). */
export const COLLECT_KEY_PREFIX = 'collect:';
/** Calls kept aside while the base cannot take writes, and the problem in words' code (lib/store/pending.ts). */
export const PENDING_CALLS_KEY = 'pendingCalls';
export const STORAGE_PROBLEM_KEY = 'storageProblem';
/**
 * Set before an import or a restore writes (they leave the totals behind) and
 * cleared once the totals are rebuilt: still set at start means a rebuild was
 * cut short (lib/ui/options/rebuild.ts), so the reports would be wrong.
 */
export const TOTALS_STALE_KEY = 'totalsStale';
/** Team sync's state (no token: that stays in the background's IndexedDB), for the options page and the popup. */
export const SYNC_STATUS_KEY = 'syncStatus';

type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** Calls `listener` with a key's new value whenever it changes in local storage. */
export function onLocalKey(key: string, listener: (value: unknown) => void): () => void {
  const handler: StorageListener = (changes, area) => {
    if (area === 'local' && key in changes) listener(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** The companies a base change touched; empty means "anything may have changed" (an import). */
export const onBaseChange = (listener: (companyIds: string[]) => void) =>
  onLocalKey(BASE_CHANGE_KEY, (value) => {
    const ids = (value as { companyIds?: unknown } | undefined)?.companyIds;
    listener(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  });
