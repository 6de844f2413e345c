/**
 * What an import makes of a company: a new one from its rows, or an existing
 * one with what the rows add (phones, missing fields, a contact, the file as a
 * source, the rows' calls). The company's own data is never overwritten by a
 * file, except an industry that was not set by hand. Pure.
 */
import { foldText } from '../match/name';
import { nameKey } from '../match/name';
import type { Call, Company, SourceRef } from '../model';
import { contentId } from './ids';
import type { ImportRecord } from './rows';

export interface ImportContext {
  fileName: string;
  /** The import's time: the source's first/last seen, and the date of calls the file gives none. */
  now: string;
}

/** The identity of a row's company, which its ids are derived from. */
export function recordIdentity(r: ImportRecord): string {
  return [nameKey(r.name), r.inn ?? '', [...r.phones].sort().join(','), r.domain ?? '', foldText(r.address ?? ''), foldText(r.city ?? '')].join('|');
}

export const companyIdOf = (r: ImportRecord) => contentId('company', recordIdentity(r));

/** A row's call. Its id comes from the row's content, not the import time, so importing again adds no second call. */
export function callOf(r: ImportRecord, companyId: string, ctx: ImportContext): Call | null {
  if (!r.call) return null;
  const { outcome, at, reason, manager } = r.call;
  return {
    id: contentId('call', recordIdentity(r), outcome, at, reason, manager),
    companyId,
    at: at ?? ctx.now,
    outcome,
    ...(reason ? { reason } : {}),
    note: '',
    manager,
  };
}

function importSource(ctx: ImportContext): SourceRef {
  return { directory: 'import', file: ctx.fileName.slice(0, 255), firstSeen: ctx.now, lastSeen: ctx.now };
}

function withImportSource(sources: SourceRef[], ctx: ImportContext): SourceRef[] {
  const file = ctx.fileName.slice(0, 255);
  const existing = sources.find((s) => s.directory === 'import' && s.file === file);
  if (existing) return sources.map((s) => (s === existing ? { ...s, lastSeen: ctx.now } : s));
  return [...sources, importSource(ctx)].slice(-200);
}

/**
 * Folds rows into a company: the first row gives a new company its data; every
 * row adds what the company lacks. Returns the company (before its status is
 * derived from calls) and whether anything but the source's last-seen time changed.
 */
export function mergeRecords(
  id: string,
  existing: Company | undefined,
  records: readonly ImportRecord[],
  ctx: ImportContext,
): { company: Company; calls: Call[]; changed: boolean } {
  const first = records[0]!;
  let company: Company = existing ?? {
    id,
    name: first.name,
    nameKey: nameKey(first.name),
    phones: [],
    phoneKeys: [],
    siteKeys: [],
    sources: [],
    decisionMakers: [],
    note: '',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    status: 'new',
    callCount: 0,
  };
  let changed = !existing;
  const set = <K extends keyof Company>(key: K, value: Company[K] | undefined) => {
    if (value === undefined || company[key] !== undefined) return;
    company = { ...company, [key]: value };
    changed = true;
  };
  const calls: Call[] = [];
  for (const r of records) {
    const newPhones = r.phones.filter((p) => !company.phones.includes(p));
    if (newPhones.length) {
      company = { ...company, phones: [...company.phones, ...newPhones].slice(0, 50) };
      changed = true;
    }
    set('inn', r.inn);
    set('domain', r.domain);
    set('address', r.address);
    set('city', r.city);
    // An industry from a file is the user's own word: it wins over one derived from a directory's rubric.
    if (r.industry && company.industry !== r.industry && (company.industry === undefined || !company.industryByHand)) {
      company = { ...company, industry: r.industry, industryByHand: true };
      changed = true;
    }
    if (r.note && !company.note.includes(r.note)) {
      company = { ...company, note: (company.note ? `${company.note}\n${r.note}` : r.note).slice(0, 10_000) };
      changed = true;
    }
    if (r.contact) {
      const who = foldText(r.contact.name);
      const known = company.decisionMakers.some(
        (d) => (who && foldText(d.name) === who) || (r.contact!.email && d.email === r.contact!.email),
      );
      if (!known && company.decisionMakers.length < 100) {
        company = { ...company, decisionMakers: [...company.decisionMakers, { ...r.contact }] };
        changed = true;
      }
    }
    const call = callOf(r, company.id, ctx);
    if (call && !calls.some((c) => c.id === call.id)) calls.push(call);
  }
  company = { ...company, sources: withImportSource(company.sources, ctx) };
  if (changed) company = { ...company, updatedAt: ctx.now };
  return { company, calls, changed };
}
