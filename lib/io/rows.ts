/**
 * One row of an imported file → what it says about one company (and perhaps
 * one call), cleaned and bounded, or the reason it is rejected. Pure.
 */
import { domainOf } from '../match/domain';
import { cleanInn, isValidInn } from '../match/inn';
import { displayName } from '../match/name';
import { extractPhones, parsePhone, phoneEntry, formatPhone, type CountryCode } from '../match/phone';
import type { Outcome } from '../model/outcome';
import { MULTI_COLUMN_FIELDS, type ColumnMapping, type ImportField } from './columns';
import { parseDate, parseStatus, splitPhones } from './values';

export interface ImportRecord {
  /** The row's number as a spreadsheet shows it: the header is row 1. */
  row: number;
  name: string;
  /** `Company.phones` form: E.164, extension after `;ext=`. */
  phones: string[];
  inn?: string;
  website?: string;
  domain?: string;
  address?: string;
  city?: string;
  industry?: string;
  note?: string;
  contact?: { name: string; role: string; email?: string };
  email?: string;
  /** The call the row's status stands for; none for an empty or "new" status. */
  call?: { outcome: Outcome; at?: string; reason?: string; manager: string };
}

export type RejectReason =
  | { code: 'noNameNoPhone' }
  | { code: 'badPhone'; value: string }
  | { code: 'badInn'; value: string }
  | { code: 'unknownStatus'; value: string }
  | { code: 'badDate'; value: string };

export type RowResult = { ok: true; record: ImportRecord } | { ok: false; row: number; reason: RejectReason };

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** Bounds a cell: control characters out, spaces collapsed, cut to `max`. */
export function cleanCell(value: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').replace(/[ \t]+/g, ' ').trim().slice(0, max);
}

const LIMITS: Record<ImportField, number> = {
  name: 500, phones: 2000, inn: 40, website: 2000, address: 1000, city: 200, industry: 200, status: 200,
  reason: 500, note: 10_000, last_call: 60, contact: 200, role: 200, email: 320, manager: 200,
};

/** The row's cells gathered by field: several columns of one field are kept in order. */
function gather(cells: readonly string[], mapping: ColumnMapping): Partial<Record<ImportField, string[]>> {
  const out: Partial<Record<ImportField, string[]>> = {};
  mapping.forEach((field, i) => {
    if (!field) return;
    const value = cleanCell(cells[i] ?? '', LIMITS[field]);
    if (!value) return;
    (out[field] ??= []).push(value);
  });
  return out;
}

export function readRow(
  cells: readonly string[],
  row: number,
  mapping: ColumnMapping,
  defaultCountry: CountryCode,
): RowResult {
  const g = gather(cells, mapping);
  const one = (f: ImportField) => (MULTI_COLUMN_FIELDS.has(f) ? g[f]?.join('\n') : g[f]?.[0]);
  const reject = (reason: RejectReason): RowResult => ({ ok: false, row, reason });

  const phones: string[] = [];
  for (const part of (g.phones ?? []).flatMap(splitPhones)) {
    const parsed = parsePhone(part, defaultCountry);
    const found = parsed ? [parsed] : extractPhones(part, defaultCountry);
    if (found.length === 0) return reject({ code: 'badPhone', value: part });
    for (const p of found) {
      const entry = phoneEntry(p);
      if (!phones.includes(entry) && phones.length < 50) phones.push(entry);
    }
  }

  const rawName = one('name') ?? '';
  if (!rawName && phones.length === 0) return reject({ code: 'noNameNoPhone' });

  const rawInn = one('inn');
  let inn: string | undefined;
  if (rawInn) {
    inn = cleanInn(rawInn) ?? undefined;
    // cleanInn accepts only valid numbers; a 10/12-digit one that fails is a bad checksum.
    if (!inn || !isValidInn(inn)) return reject({ code: 'badInn', value: rawInn });
  }

  const rawStatus = one('status') ?? '';
  const status = parseStatus(rawStatus);
  if (!status) return reject({ code: 'unknownStatus', value: rawStatus });

  const rawDate = one('last_call');
  let at: string | undefined;
  if (rawDate) {
    at = parseDate(rawDate) ?? undefined;
    if (!at) return reject({ code: 'badDate', value: rawDate });
  }

  const notes: string[] = [];
  const note = one('note');
  if (note) notes.push(note);

  const website = one('website');
  const domain = website ? (domainOf(website) ?? undefined) : undefined;
  // Nothing from the file is lost: what cannot be a field is kept in the note.
  if (website && !domain) notes.push(`${website}`);

  const emails = (g.email ?? []).flatMap((e) => e.split(/[;,\s]+/)).filter(Boolean);
  const goodEmail = emails.find((e) => EMAIL.test(e));
  for (const e of emails) if (e !== goodEmail) notes.push(e);

  const contactName = one('contact');
  const role = one('role') ?? '';
  const record: ImportRecord = {
    row,
    name: displayName(rawName || formatPhone(phones[0]!.split(';')[0]!)),
    phones,
    ...(inn ? { inn } : {}),
    ...(website && domain ? { website, domain } : {}),
    ...(one('address') ? { address: one('address') } : {}),
    ...(one('city') ? { city: one('city') } : {}),
    ...(one('industry') ? { industry: one('industry') } : {}),
    ...(notes.length ? { note: notes.join('\n').slice(0, 10_000) } : {}),
    ...(goodEmail ? { email: goodEmail } : {}),
  };
  if (contactName || goodEmail) record.contact = { name: contactName ?? '', role, ...(goodEmail ? { email: goodEmail } : {}) };
  if (status !== 'new') {
    const reason = one('reason');
    record.call = { outcome: status, manager: one('manager') ?? '', ...(at ? { at } : {}), ...(reason ? { reason } : {}) };
  }
  return { ok: true, record };
}
