import { z } from 'zod';
import { Call, Company, DecisionMaker, SourceRef } from '../model';
import { HLC_PATTERN } from './hlc';

/**
 * The changes that travel between a device and the team server. Every change
 * has its own UUID (push is idempotent by it) and the hybrid logical clock of
 * the moment it was made. Both ends validate with these same schemas.
 */
export const HlcText = z.string().regex(HLC_PATTERN);

/** A company's own data, as synced: the denormalised status is derived from calls on each side, never sent. */
export const CompanyFields = z.object({
  name: Company.shape.name,
  phones: Company.shape.phones,
  inn: Company.shape.inn,
  ogrn: Company.shape.ogrn,
  domain: Company.shape.domain,
  address: Company.shape.address,
  city: Company.shape.city,
  industry: Company.shape.industry,
  siteKeys: Company.shape.siteKeys,
  sources: z.array(SourceRef).max(200).default([]),
  decisionMakers: z.array(DecisionMaker).max(100).default([]),
  note: Company.shape.note,
  createdAt: Company.shape.createdAt,
});
export type CompanyFields = z.infer<typeof CompanyFields>;
export type FieldName = keyof CompanyFields;
export const FIELD_NAMES = Object.keys(CompanyFields.shape) as FieldName[];
/** Fields that a merge of two companies unions instead of picking one side. */
export const SET_FIELDS: ReadonlySet<FieldName> = new Set(['phones', 'siteKeys', 'sources', 'decisionMakers']);

/** An edit names only the fields it changed; `null` clears an optional one. */
export const FieldEdits = z
  .object({
    name: CompanyFields.shape.name,
    phones: CompanyFields.shape.phones,
    inn: Company.shape.inn.unwrap().nullable(),
    ogrn: Company.shape.ogrn.unwrap().nullable(),
    domain: Company.shape.domain.unwrap().nullable(),
    address: Company.shape.address.unwrap().nullable(),
    city: Company.shape.city.unwrap().nullable(),
    industry: Company.shape.industry.unwrap().nullable(),
    siteKeys: CompanyFields.shape.siteKeys,
    sources: CompanyFields.shape.sources,
    decisionMakers: CompanyFields.shape.decisionMakers,
    note: CompanyFields.shape.note,
  })
  .partial();
export type FieldEdits = z.infer<typeof FieldEdits>;

const common = { id: z.uuid(), hlc: HlcText };

export const CallChange = z.object({ ...common, kind: z.literal('call'), companyId: z.uuid(), call: Call });
export const CompanyChange = z.object({ ...common, kind: z.literal('company'), companyId: z.uuid(), fields: CompanyFields });
export const EditChange = z.object({ ...common, kind: z.literal('edit'), companyId: z.uuid(), fields: FieldEdits });
/** `companyId` is merged into `into`; which one survives is decided alike everywhere (see merge.ts). */
export const MergeChange = z.object({ ...common, kind: z.literal('merge'), companyId: z.uuid(), into: z.uuid() });
/** A tombstone: of one call when `callId` is set (an undo), else of the company. */
export const DeleteChange = z.object({ ...common, kind: z.literal('delete'), companyId: z.uuid(), callId: z.uuid().optional() });

export const Change = z.discriminatedUnion('kind', [CallChange, CompanyChange, EditChange, MergeChange, DeleteChange]);
export type Change = z.infer<typeof Change>;
export type CallChange = z.infer<typeof CallChange>;
export type CompanyChange = z.infer<typeof CompanyChange>;
export type EditChange = z.infer<typeof EditChange>;
export type MergeChange = z.infer<typeof MergeChange>;
export type DeleteChange = z.infer<typeof DeleteChange>;

/** The companies a change is about: a merge touches both sides. */
export const companiesOf = (change: Change): string[] =>
  change.kind === 'merge' ? [change.companyId, change.into] : [change.companyId];

/** A change as the server stored it: its place in the team's sequence, and who sent it. */
export const SyncedChange = z.object({ seq: z.number().int().positive(), change: Change, memberId: z.uuid().optional() });
export type SyncedChange = z.infer<typeof SyncedChange>;
