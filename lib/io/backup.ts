/**
 * The full backup: every company, call and reminder, the settings, and the
 * schema version they were written under. Restoring checks the whole file
 * before anything is written: a damaged or foreign file is refused, and a
 * backup from an older schema is brought up to the current one.
 */
import { Call, Company } from '../model';
import { Settings } from '../model/settings';
import { withDerivedKeys } from '../store/keys';
import { DB_VERSION, type Reminder } from '../store/schema';

export const BACKUP_FORMAT = 'callmark-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  settings?: Settings;
  companies: Company[];
  calls: Call[];
  reminders: Reminder[];
}

/** The file, in parts: one record a line, so a huge base never becomes one giant string. */
export function backupParts(
  head: { exportedAt: string; settings: Settings },
  companies: Iterable<Company[]>,
  calls: Iterable<Call[]>,
  reminders: readonly Reminder[],
): string[] {
  const parts: string[] = [
    `{"format":"${BACKUP_FORMAT}","schemaVersion":${DB_VERSION},"exportedAt":${JSON.stringify(head.exportedAt)},\n"settings":${JSON.stringify(head.settings)},\n"companies":[`,
  ];
  const list = (chunks: Iterable<unknown[]>) => {
    let first = true;
    for (const chunk of chunks) {
      if (chunk.length === 0) continue;
      parts.push((first ? '\n' : ',\n') + chunk.map((r) => JSON.stringify(r)).join(',\n'));
      first = false;
    }
  };
  list(companies);
  parts.push('\n],\n"calls":[');
  list(calls);
  parts.push('\n],\n"reminders":[');
  list([reminders as Reminder[]]);
  parts.push('\n]}\n');
  return parts;
}

export type BackupProblem =
  | { code: 'notJson' }
  | { code: 'foreign' }
  | { code: 'newer'; version: number }
  | { code: 'damaged'; what: 'company' | 'call' | 'reminder' | 'settings' | 'shape'; index: number };

export class BackupError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(problem.code);
  }
}

/**
 * A company from an older schema, brought up to date: v1 had no `siteKeys`
 * (zod's default fills it) and every version before 3 no `phoneKeys`
 * (derived here, as the v3 migration does).
 */
function upgradeCompany(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const c = raw as { phones?: unknown };
  return Array.isArray(c.phones) && c.phones.every((p) => typeof p === 'string') ? withDerivedKeys(c as { phones: string[] }) : raw;
}

const isReminder = (r: unknown): r is Reminder => {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return typeof o.callId === 'string' && typeof o.companyId === 'string' && typeof o.dueAt === 'string' && (o.notifiedAt === undefined || typeof o.notifiedAt === 'string');
};

/** Parses and checks a backup's text whole. Throws BackupError; never returns half a backup. */
export function readBackup(text: string): Backup {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw new BackupError({ code: 'notJson' });
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== BACKUP_FORMAT) throw new BackupError({ code: 'foreign' });
  const b = raw as Record<string, unknown>;
  const version = b.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new BackupError({ code: 'damaged', what: 'shape', index: 0 });
  if (version > DB_VERSION) throw new BackupError({ code: 'newer', version });
  if (!Array.isArray(b.companies) || !Array.isArray(b.calls) || (b.reminders !== undefined && !Array.isArray(b.reminders))) {
    throw new BackupError({ code: 'damaged', what: 'shape', index: 0 });
  }
  const companies: Company[] = [];
  const ids = new Set<string>();
  b.companies.forEach((c, i) => {
    const parsed = Company.safeParse(upgradeCompany(c));
    if (!parsed.success || ids.has(parsed.data.id)) throw new BackupError({ code: 'damaged', what: 'company', index: i + 1 });
    ids.add(parsed.data.id);
    companies.push(parsed.data);
  });
  const calls: Call[] = [];
  const callIds = new Set<string>();
  b.calls.forEach((c, i) => {
    const parsed = Call.safeParse(c);
    if (!parsed.success || callIds.has(parsed.data.id) || !ids.has(parsed.data.companyId)) throw new BackupError({ code: 'damaged', what: 'call', index: i + 1 });
    callIds.add(parsed.data.id);
    calls.push(parsed.data);
  });
  const reminders: Reminder[] = [];
  ((b.reminders as unknown[] | undefined) ?? []).forEach((r, i) => {
    if (!isReminder(r) || !callIds.has(r.callId)) throw new BackupError({ code: 'damaged', what: 'reminder', index: i + 1 });
    reminders.push(r);
  });
  let settings: Settings | undefined;
  if (b.settings !== undefined) {
    const parsed = Settings.safeParse(b.settings);
    if (!parsed.success) throw new BackupError({ code: 'damaged', what: 'settings', index: 0 });
    settings = parsed.data;
  }
  return {
    format: BACKUP_FORMAT,
    schemaVersion: version,
    exportedAt: typeof b.exportedAt === 'string' ? b.exportedAt : '',
    ...(settings ? { settings } : {}),
    companies,
    calls,
    reminders,
  };
}
