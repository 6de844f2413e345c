import type { Call, Company } from '../model';
import { FIELD_NAMES, type CallChange, type CompanyChange, type CompanyFields, type DeleteChange, type EditChange, type FieldEdits, type MergeChange } from './changes';

/** Turning local writes into changes to push. */
export const newChangeId = (): string => crypto.randomUUID();

export function fieldsOf(company: Company): CompanyFields {
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) if (company[name] !== undefined) fields[name] = company[name];
  return fields as CompanyFields;
}

export const companyCreated = (company: Company, hlc: string): CompanyChange => ({
  kind: 'company',
  id: newChangeId(),
  hlc,
  companyId: company.id,
  fields: fieldsOf(company),
});

export const callLogged = (call: Call, hlc: string): CallChange => ({ kind: 'call', id: call.id, hlc, companyId: call.companyId, call });

export const callUndone = (call: Pick<Call, 'id' | 'companyId'>, hlc: string): DeleteChange => ({
  kind: 'delete',
  id: newChangeId(),
  hlc,
  companyId: call.companyId,
  callId: call.id,
});

export const companyDeleted = (companyId: string, hlc: string): DeleteChange => ({ kind: 'delete', id: newChangeId(), hlc, companyId });

export const companiesMerged = (companyId: string, into: string, hlc: string): MergeChange => ({
  kind: 'merge',
  id: newChangeId(),
  hlc,
  companyId,
  into,
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields an edit changed, or nothing when it changed none (then no change is pushed). */
export function fieldEdits(before: Company, after: Company, hlc: string): EditChange | undefined {
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    if (name === 'createdAt') continue;
    if (!same(before[name], after[name])) fields[name] = after[name] ?? null;
  }
  if (Object.keys(fields).length === 0) return undefined;
  return { kind: 'edit', id: newChangeId(), hlc, companyId: after.id, fields: fields as FieldEdits };
}
