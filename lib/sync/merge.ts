import { nameKey } from '../match/name';
import { splitPhoneEntry } from '../match/phone';
import { statusFields, type Call, type Company } from '../model';
import { companiesOf, FIELD_NAMES, SET_FIELDS, type Change, type CompanyFields, type FieldName } from './changes';
import { compareHlc, hlcMillis } from './hlc';

/**
 * The merge rules, as one pure function of a set of changes: whatever order
 * they arrived in, and however often, every replica computes the same base.
 *
 * - Calls are a union (less those undone).
 * - Fields are last-writer-wins per field, by HLC; a merge unions the set
 *   fields (phones, listings, sources, decision makers) of both sides until
 *   someone edits them on the merged company.
 * - A delete wins over every change older than it.
 * - The status is derived from the union of calls, never synced as a field.
 * - Merged companies become one; the survivor is the earliest created
 *   (ties by id), so concurrent merges in either direction agree.
 */
export interface GroupResult {
  /** Every company id the group spans (merged-away ones included). */
  members: string[];
  /** The surviving company, or none (deleted, or its creation has not arrived yet). */
  company?: Company;
  calls: Call[];
}

const later = (a: { hlc: string; id: string }, b: { hlc: string; id: string }) => compareHlc(a.hlc, b.hlc) > 0 || (a.hlc === b.hlc && a.id > b.id);

/** Splits changes into connected groups: companies linked by merges are one group. */
export function groupChanges(changes: readonly Change[]): Change[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const change of changes) {
    const [a, b] = companiesOf(change);
    const ra = find(a!);
    if (b) parent.set(find(b), ra);
  }
  const groups = new Map<string, Change[]>();
  for (const change of changes) {
    const root = find(change.companyId);
    const list = groups.get(root) ?? [];
    list.push(change);
    groups.set(root, list);
  }
  return [...groups.values()];
}

/** The base state of one group of changes (see groupChanges). */
export function materializeGroup(changes: readonly Change[]): GroupResult {
  const unique = new Map<string, Change>();
  for (const c of changes) unique.set(c.id, c);
  const all = [...unique.values()];
  const members = [...new Set(all.flatMap(companiesOf))].sort();

  let survivor: { companyId: string; hlc: string; fields: CompanyFields } | undefined;
  let lastWrite = '';
  let lastDelete = '';
  let lastMerge = '';
  const undone = new Set<string>();
  for (const c of all) {
    if (c.kind === 'delete') {
      if (c.callId) undone.add(c.callId);
      else if (compareHlc(c.hlc, lastDelete) > 0) lastDelete = c.hlc;
      continue;
    }
    if (compareHlc(c.hlc, lastWrite) > 0) lastWrite = c.hlc;
    if (c.kind === 'merge' && compareHlc(c.hlc, lastMerge) > 0) lastMerge = c.hlc;
    if (c.kind === 'company') {
      const earlier = !survivor || compareHlc(c.hlc, survivor.hlc) < 0 || (c.hlc === survivor.hlc && c.companyId < survivor.companyId);
      if (earlier) survivor = { companyId: c.companyId, hlc: c.hlc, fields: c.fields };
    }
  }

  const calls = all
    .filter((c): c is Extract<Change, { kind: 'call' }> => c.kind === 'call' && !undone.has(c.call.id))
    .map((c) => c.call)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  if (!survivor) return { members, calls };
  if (lastDelete && compareHlc(lastDelete, lastWrite) >= 0) return { members, calls: [] };
  const id = survivor.companyId;

  // Per field: the latest write anywhere in the group; set fields written
  // before the latest merge are the union of each member's latest value.
  type Write = { hlc: string; id: string; companyId: string; value: unknown };
  const writes = new Map<FieldName, Write[]>();
  for (const c of all) {
    if (c.kind !== 'company' && c.kind !== 'edit') continue;
    for (const field of FIELD_NAMES) {
      if (!(field in c.fields)) continue;
      const value = (c.fields as Record<string, unknown>)[field];
      if (c.kind === 'company' && (value === undefined || (Array.isArray(value) && value.length === 0))) continue;
      const list = writes.get(field) ?? [];
      list.push({ hlc: c.hlc, id: c.id, companyId: c.companyId, value: value ?? undefined });
      writes.set(field, list);
    }
  }
  const fields: Record<string, unknown> = { ...survivor.fields };
  for (const [field, list] of writes) {
    const latest = list.reduce((a, b) => (later(b, a) ? b : a));
    if (field === 'createdAt') continue;
    if (SET_FIELDS.has(field) && lastMerge && compareHlc(latest.hlc, lastMerge) <= 0) {
      const perMember = new Map<string, Write>();
      for (const w of list) if (!perMember.has(w.companyId) || later(w, perMember.get(w.companyId)!)) perMember.set(w.companyId, w);
      const ordered = [...perMember.values()].sort((a, b) => (later(a, b) ? 1 : -1));
      fields[field] = unionBy(ordered.flatMap((w) => (w.value as unknown[]) ?? []));
    } else {
      fields[field] = latest.value;
    }
  }
  const phones = (fields.phones as string[] | undefined) ?? [];
  const company: Company = {
    ...(fields as CompanyFields),
    id,
    nameKey: nameKey(fields.name as string),
    phones,
    phoneKeys: [...new Set(phones.map((p) => splitPhoneEntry(p).e164))],
    createdAt: survivor.fields.createdAt,
    updatedAt: new Date(Math.max(hlcMillis(lastWrite), Date.parse(survivor.fields.createdAt))).toISOString(),
    ...statusFields(calls),
  };
  for (const key of Object.keys(company) as Array<keyof Company>) if (company[key] === undefined) delete company[key];
  return { members, company, calls: calls.map((c) => (c.companyId === id ? c : { ...c, companyId: id })) };
}

/** Union of values, first occurrence kept, compared by content. */
function unionBy(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = typeof v === 'string' ? v : JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The whole base from a set of changes: the reference every replica must equal. */
export function materialize(changes: readonly Change[]): { companies: Company[]; calls: Call[] } {
  const companies: Company[] = [];
  const calls: Call[] = [];
  for (const group of groupChanges(changes)) {
    const result = materializeGroup(group);
    if (result.company) {
      companies.push(result.company);
      calls.push(...result.calls);
    }
  }
  return { companies, calls };
}
