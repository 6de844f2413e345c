/**
 * The popup's call form as plain data: its values, how they are filled from a
 * listing or a stored company, how they are checked, and what they become in
 * the protocol. No DOM and no browser here: the unit tests drive all of it.
 */
import { z } from 'zod';
import type { Company, ListingData, Outcome } from '../../model';
import type { CallFields, CompanyEdit } from '../../messages/protocol';
import type { MessageKey } from '../i18n';
import { fromLocalInput, isPast } from './dates';
import { LIMITS } from '../../model/limits';

export interface DecisionMakerRow {
  name: string;
  role: string;
  phone: string;
  email: string;
}

export interface CompanyFields {
  name: string;
  /** As typed or shown; normalised by the background. */
  phones: string[];
  inn: string;
  website: string;
  address: string;
  city: string;
  industry: string;
}

export interface CallValues {
  outcome: Outcome | null;
  reason: string;
  note: string;
  /** A datetime-local value. */
  callbackAt: string;
}

export interface FormValues {
  call: CallValues;
  company: CompanyFields;
  decisionMakers: DecisionMakerRow[];
}

/** An error to show beside a field: a catalogue key and its substitutions. */
export interface FieldError {
  key: MessageKey;
  args?: string[];
}

/**
 * Field paths: `outcome`, `reason`, `callbackAt`, `note`, `name`, `inn`, `website`,
 * `phones.<i>`, `dm.<i>.name|phone|email`, and `form` for the form as a whole.
 */
export type FormErrors = Record<string, FieldError>;

export interface Checkers {
  /** E.164 or null (lib/match/phone normalizePhone with the settings' country). */
  phone: (raw: string) => string | null;
  /** INN checksum (lib/match/inn); absent means "digits and length only". */
  inn?: (raw: string) => boolean;
  /** Website → host, or null when it is not a website (lib/match/domain). */
  domain?: (raw: string) => string | null;
}

export interface ValidationContext {
  checkers: Checkers;
  requireRefusalReason: boolean;
  /** A listing not yet in the base can only be saved with a call (that creates it). */
  requireOutcome: boolean;
  now: Date;
}

export const emptyDecisionMaker = (): DecisionMakerRow => ({ name: '', role: '', phone: '', email: '' });

export const emptyCall = (): CallValues => ({ outcome: null, reason: '', note: '', callbackAt: '' });

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** The form for a listing the base does not know yet: the page's data, editable. */
export function valuesFromListing(listing: ListingData, checkers: Pick<Checkers, 'domain'> = {}): FormValues {
  const website = listing.website ? (checkers.domain?.(listing.website) ?? listing.website) : '';
  return {
    call: emptyCall(),
    company: {
      name: listing.name,
      phones: listing.phones.length ? [...listing.phones] : [''],
      inn: listing.inn ?? '',
      website,
      address: listing.address ?? '',
      city: listing.city ?? '',
      industry: listing.category ?? '',
    },
    decisionMakers: [],
  };
}

/** The form for a stored company; `formatPhone` shows E.164 numbers the way people read them. */
export function valuesFromCompany(company: Company, formatPhone: (e164: string) => string = (p) => p): FormValues {
  return {
    call: emptyCall(),
    company: {
      name: company.name,
      phones: company.phones.length ? company.phones.map(formatPhone) : [''],
      inn: company.inn ?? '',
      website: company.domain ?? '',
      address: company.address ?? '',
      city: company.city ?? '',
      industry: company.industry ?? '',
    },
    decisionMakers: company.decisionMakers.map((d) => ({
      name: d.name,
      role: d.role ?? '',
      phone: d.phone ? formatPhone(d.phone) : '',
      email: d.email ?? '',
    })),
  };
}

const isBlankRow = (d: DecisionMakerRow) => !trimmed(d.name) && !trimmed(d.role) && !trimmed(d.phone) && !trimmed(d.email);

const emailSchema = z.email();

/** Every problem with the form, by field; empty when it may be saved. */
export function validateForm(values: FormValues, ctx: ValidationContext): FormErrors {
  const errors: FormErrors = {};
  const { call, company } = values;

  if (!call.outcome) {
    if (ctx.requireOutcome) errors.outcome = { key: 'form_errOutcome' };
  } else if (call.outcome === 'callback') {
    const when = trimmed(call.callbackAt);
    const date = when ? fromLocalInput(when) : null;
    if (!when) errors.callbackAt = { key: 'form_errCallbackMissing' };
    else if (!date) errors.callbackAt = { key: 'form_errCallbackInvalid' };
    else if (isPast(date, ctx.now)) errors.callbackAt = { key: 'form_errCallbackPast' };
  } else if (call.outcome === 'refused' && ctx.requireRefusalReason && !trimmed(call.reason)) {
    errors.reason = { key: 'form_errReasonRequired' };
  }
  if (call.reason.length > LIMITS.reason) errors.reason = { key: 'form_errTooLong', args: [String(LIMITS.reason)] };
  if (call.note.length > LIMITS.note) errors.note = { key: 'form_errTooLong', args: [String(LIMITS.note)] };

  if (!trimmed(company.name)) errors.name = { key: 'form_errNameRequired' };
  else if (company.name.length > LIMITS.name) errors.name = { key: 'form_errTooLong', args: [String(LIMITS.name)] };

  company.phones.forEach((raw, i) => {
    if (trimmed(raw) && !ctx.checkers.phone(raw)) errors[`phones.${i}`] = { key: 'form_errPhone', args: [raw.trim()] };
  });

  const inn = trimmed(company.inn);
  if (inn && !(/^\d{10}(\d{2})?$/.test(inn) && (ctx.checkers.inn?.(inn) ?? true))) {
    errors.inn = { key: 'form_errInn', args: [inn] };
  }
  const website = trimmed(company.website);
  if (website && ctx.checkers.domain && !ctx.checkers.domain(website)) {
    errors.website = { key: 'form_errWebsite', args: [website] };
  }

  values.decisionMakers.forEach((d, i) => {
    if (isBlankRow(d)) return;
    if (!trimmed(d.name)) errors[`dm.${i}.name`] = { key: 'form_errDmName' };
    if (trimmed(d.phone) && !ctx.checkers.phone(d.phone)) errors[`dm.${i}.phone`] = { key: 'form_errPhone', args: [d.phone.trim()] };
    if (trimmed(d.email) && !emailSchema.safeParse(d.email.trim()).success) {
      errors[`dm.${i}.email`] = { key: 'form_errEmail', args: [d.email.trim()] };
    }
  });
  return errors;
}

export const hasErrors = (errors: FormErrors) => Object.keys(errors).length > 0;

/** Errors that sit inside the "company details" part of the form (to open it when they exist). */
export const companyErrorPaths = (errors: FormErrors) =>
  Object.keys(errors).filter((k) => ['name', 'inn', 'website', 'address', 'city'].includes(k) || k.startsWith('phones.'));

/** The call part for `logCall`, or null when no outcome was chosen. */
export function toCallFields(values: FormValues): CallFields | null {
  const { outcome, reason, note, callbackAt } = values.call;
  if (!outcome) return null;
  const fields: CallFields = { outcome };
  if (outcome === 'refused' && trimmed(reason)) fields.reason = reason.trim();
  if (trimmed(note)) fields.note = note.trim();
  if (outcome === 'callback') {
    const date = fromLocalInput(callbackAt);
    if (date) fields.callbackAt = date.toISOString();
  }
  return fields;
}

/** The company part for `saveCompany`. */
export function toCompanyEdit(id: string, values: FormValues, note?: string): CompanyEdit {
  const c = values.company;
  const opt = (s: string) => trimmed(s) || undefined;
  return {
    id,
    name: c.name.trim(),
    phones: c.phones.map((p) => p.trim()).filter(Boolean),
    inn: opt(c.inn),
    website: opt(c.website),
    address: opt(c.address),
    city: opt(c.city),
    industry: opt(c.industry),
    ...(note !== undefined ? { note } : {}),
    decisionMakers: values.decisionMakers
      .filter((d) => !isBlankRow(d))
      .map((d) => ({ name: d.name.trim(), role: d.role.trim(), phone: opt(d.phone), email: opt(d.email) })),
  };
}

/** Whether the company part (fields, decision makers) differs from what the form opened with. */
export function companyChanged(initial: FormValues, current: FormValues): boolean {
  const norm = (v: FormValues) =>
    JSON.stringify({
      c: { ...v.company, phones: v.company.phones.map((p) => p.trim()).filter(Boolean) },
      d: v.decisionMakers.filter((d) => !isBlankRow(d)),
    });
  return norm(initial) !== norm(current);
}

/**
 * After `logCall` created a company from a listing, the edits to send: the
 * fields the user changed, and the stored (normalised) value of every field
 * they left alone, so the page's raw strings are not sent back a second time.
 */
export function editAfterCreate(stored: FormValues, initial: FormValues, current: FormValues): FormValues {
  const pick = <K extends keyof CompanyFields>(k: K): CompanyFields[K] =>
    JSON.stringify(current.company[k]) === JSON.stringify(initial.company[k]) ? stored.company[k] : current.company[k];
  return {
    call: current.call,
    company: {
      name: pick('name'),
      phones: pick('phones'),
      inn: pick('inn'),
      website: pick('website'),
      address: pick('address'),
      city: pick('city'),
      industry: pick('industry'),
    },
    decisionMakers: current.decisionMakers,
  };
}
