/**
 * What the import/export section remembers in extension storage: column
 * mappings per set of headers, and when the last backup was made.
 */
import { browser } from 'wxt/browser';
import { IMPORT_MAPPINGS_KEY, LAST_BACKUP_KEY } from '../store/storage';
import { headerSetKey, restoreMapping, type ColumnMapping } from './columns';

const MAX_MAPPINGS = 50;

export async function rememberedMapping(headers: readonly string[]): Promise<ColumnMapping | null> {
  const all = (await browser.storage.local.get(IMPORT_MAPPINGS_KEY))[IMPORT_MAPPINGS_KEY] as Record<string, unknown> | undefined;
  return all && typeof all === 'object' ? restoreMapping(headers, all[headerSetKey(headers)]) : null;
}

export async function rememberMapping(headers: readonly string[], mapping: ColumnMapping): Promise<void> {
  const stored = (await browser.storage.local.get(IMPORT_MAPPINGS_KEY))[IMPORT_MAPPINGS_KEY];
  const all: Record<string, unknown> = stored && typeof stored === 'object' ? { ...(stored as Record<string, unknown>) } : {};
  const key = headerSetKey(headers);
  delete all[key];
  all[key] = mapping;
  // The newest last; the oldest go first when there are too many.
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_MAPPINGS))) delete all[old];
  await browser.storage.local.set({ [IMPORT_MAPPINGS_KEY]: all });
}

export async function lastBackupAt(): Promise<string | undefined> {
  const value = (await browser.storage.local.get(LAST_BACKUP_KEY))[LAST_BACKUP_KEY];
  return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

export async function markBackedUp(at: string): Promise<void> {
  await browser.storage.local.set({ [LAST_BACKUP_KEY]: at });
}

export const BACKUP_REMINDER_DAYS = 30;

/** Whether to remind: a base with something in it, and no backup in the last 30 days. */
export function backupDue(last: string | undefined, hasData: boolean, now: Date): boolean {
  if (!hasData) return false;
  return !last || now.getTime() - Date.parse(last) > BACKUP_REMINDER_DAYS * 86_400_000;
}
