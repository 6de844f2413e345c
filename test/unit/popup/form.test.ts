import { describe, expect, it } from 'vitest';
import { domainOf } from '../../../lib/match/domain';
import { isValidInn } from '../../../lib/match/inn';
import { normalizePhone } from '../../../lib/match/phone';
import type { Company, ListingData } from '../../../lib/model';
import { toLocalInput } from '../../../lib/ui/popup/dates';
import {
  companyChanged,
  companyErrorPaths,
  editAfterCreate,
  emptyDecisionMaker,
  toCallFields,
  toCompanyEdit,
  validateForm,
  valuesFromCompany,
  valuesFromListing,
  type FormValues,
  type ValidationContext,
} from '../../../lib/ui/popup/form';

const NOW = new Date(2025, 2, 4, 12, 0);
const ctx = (over: Partial<ValidationContext> = {}): ValidationContext => ({
  checkers: { phone: (raw) => normalizePhone(raw, 'RU'), inn: isValidInn, domain: domainOf },
  requireRefusalReason: true,
  requireOutcome: false,
  now: NOW,
  ...over,
});

const LISTING: ListingData = {
  directory: '2gis',
  name: 'Кампус, кафе-бар',
  phones: ['+7 (495) 708‒31‒12'],
  website: 'http://www.campus2020.ru/menu',
  address: 'Ломоносовский проспект, 23',
  city: 'Москва',
  category: 'Кафе',
  url: 'https://2gis.ru/moscow/firm/1',
};

const base = (): FormValues => valuesFromListing(LISTING, { domain: domainOf });
const withCall = (v: FormValues, call: Partial<FormValues['call']>): FormValues => ({ ...v, call: { ...v.call, ...call } });

describe('filling the form', () => {
  it('from a listing: the page data, the website as its host, the category as industry', () => {
    const v = base();
    expect(v.company).toEqual({
      name: 'Кампус, кафе-бар',
      phones: ['+7 (495) 708‒31‒12'],
      inn: '',
      website: 'campus2020.ru',
      address: 'Ломоносовский проспект, 23',
      city: 'Москва',
      industry: 'Кафе',
    });
    expect(v.call.outcome).toBeNull();
    expect(v.decisionMakers).toEqual([]);
  });

  it('a listing with no phone still has one empty phone row to type into', () => {
    expect(valuesFromListing({ ...LISTING, phones: [] }).company.phones).toEqual(['']);
  });

  it('from a stored company, with its decision makers', () => {
    const company = {
      id: '7b0f3f38-3c41-4b0e-9f0e-1d6f0c1b2a3c',
      name: 'Кампус',
      nameKey: 'кампус',
      phones: ['+74957083112'],
      inn: '7707083893',
      domain: 'campus2020.ru',
      industry: 'Общепит',
      decisionMakers: [{ name: 'Иван', role: 'директор', phone: '+79161234567' }],
    } as Company;
    const v = valuesFromCompany(company, (p) => `fmt(${p})`);
    expect(v.company).toMatchObject({ phones: ['fmt(+74957083112)'], inn: '7707083893', website: 'campus2020.ru', address: '', industry: 'Общепит' });
    expect(v.decisionMakers).toEqual([{ name: 'Иван', role: 'директор', phone: 'fmt(+79161234567)', email: '' }]);
  });
});

describe('validation', () => {
  it('a plain outcome on an untouched listing is fine', () => {
    expect(validateForm(withCall(base(), { outcome: 'no_answer' }), ctx({ requireOutcome: true }))).toEqual({});
  });

  it('a new listing needs an outcome (the call creates the company); a known company may be saved without one', () => {
    expect(validateForm(base(), ctx({ requireOutcome: true }))).toEqual({ outcome: { key: 'form_errOutcome' } });
    expect(validateForm(base(), ctx({ requireOutcome: false }))).toEqual({});
  });

  it('a call-back needs a time, a real one, ahead of now', () => {
    const cb = (callbackAt: string) => validateForm(withCall(base(), { outcome: 'callback', callbackAt }), ctx()).callbackAt?.key;
    expect(cb('')).toBe('form_errCallbackMissing');
    expect(cb('2025-02-30T10:00')).toBe('form_errCallbackInvalid');
    expect(cb(toLocalInput(new Date(2025, 2, 4, 11, 0)))).toBe('form_errCallbackPast');
    expect(cb(toLocalInput(new Date(2024, 2, 5, 10, 0)))).toBe('form_errCallbackPast');
    expect(cb(toLocalInput(new Date(2025, 2, 4, 14, 0)))).toBeUndefined();
  });

  it('a call-back time left over from another outcome does not matter', () => {
    expect(validateForm(withCall(base(), { outcome: 'interested', callbackAt: '2020-01-01T10:00' }), ctx())).toEqual({});
  });

  it('"refused" needs a reason where the settings say so, and only there', () => {
    const refused = withCall(base(), { outcome: 'refused', reason: '   ' });
    expect(validateForm(refused, ctx()).reason?.key).toBe('form_errReasonRequired');
    expect(validateForm(refused, ctx({ requireRefusalReason: false }))).toEqual({});
    expect(validateForm(withCall(refused, { reason: 'дорого' }), ctx())).toEqual({});
  });

  it('a phone that is not a phone is named in its message; empty phone rows are ignored', () => {
    const v = base();
    v.company.phones = ['8 (495) 708-31-12', '', 'звоните', '12-34'];
    const errors = validateForm(v, ctx());
    expect(errors['phones.2']).toEqual({ key: 'form_errPhone', args: ['звоните'] });
    expect(errors['phones.3']).toEqual({ key: 'form_errPhone', args: ['12-34'] });
    expect(errors['phones.0']).toBeUndefined();
    expect(errors['phones.1']).toBeUndefined();
    expect(companyErrorPaths(errors)).toEqual(['phones.2', 'phones.3']);
  });

  it('INN: 10 or 12 digits with a valid checksum', () => {
    const inn = (value: string) => {
      const v = base();
      v.company.inn = value;
      return validateForm(v, ctx()).inn?.key;
    };
    expect(inn('7707083893')).toBeUndefined();
    expect(inn('7707083894')).toBe('form_errInn');
    expect(inn('77070838')).toBe('form_errInn');
    expect(inn('')).toBeUndefined();
  });

  it('a website must be one', () => {
    const v = base();
    v.company.website = 'not a site';
    expect(validateForm(v, ctx()).website?.key).toBe('form_errWebsite');
  });

  it('the company needs a name', () => {
    const v = base();
    v.company.name = '  ';
    expect(validateForm(v, ctx()).name?.key).toBe('form_errNameRequired');
  });

  it('decision makers: blank rows are ignored; a filled row needs a name, a real phone and email', () => {
    const v = base();
    v.decisionMakers = [
      emptyDecisionMaker(),
      { name: '', role: 'бухгалтер', phone: '', email: '' },
      { name: 'Иван', role: '', phone: '123', email: 'ivan@' },
      { name: 'Мария', role: 'директор', phone: '+7 916 123-45-67', email: 'maria@example.ru' },
    ];
    const errors = validateForm(v, ctx());
    expect(Object.keys(errors).sort()).toEqual(['dm.1.name', 'dm.2.email', 'dm.2.phone']);
    expect(errors['dm.2.phone']).toEqual({ key: 'form_errPhone', args: ['123'] });
  });
});

describe('what is sent', () => {
  it('the call: outcome, the reason only for refusals, a trimmed note, the call-back as an ISO instant', () => {
    expect(toCallFields(base())).toBeNull();
    expect(toCallFields(withCall(base(), { outcome: 'interested', reason: 'leftover', note: '  КП на почту ' }))).toEqual({ outcome: 'interested', note: 'КП на почту' });
    expect(toCallFields(withCall(base(), { outcome: 'refused', reason: ' дорого ' }))).toEqual({ outcome: 'refused', reason: 'дорого' });
    const when = new Date(2025, 2, 5, 10, 0);
    expect(toCallFields(withCall(base(), { outcome: 'callback', callbackAt: toLocalInput(when) }))).toEqual({ outcome: 'callback', callbackAt: when.toISOString() });
  });

  it('the company: trimmed, empty phones and blank decision makers dropped', () => {
    const v = base();
    v.company.phones = [' +7 495 708-31-12 ', ''];
    v.company.inn = ' ';
    v.decisionMakers = [emptyDecisionMaker(), { name: ' Иван ', role: ' директор ', phone: '', email: ' ivan@campus2020.ru ' }];
    expect(toCompanyEdit('7b0f3f38-3c41-4b0e-9f0e-1d6f0c1b2a3c', v)).toEqual({
      id: '7b0f3f38-3c41-4b0e-9f0e-1d6f0c1b2a3c',
      name: 'Кампус, кафе-бар',
      phones: ['+7 495 708-31-12'],
      inn: undefined,
      website: 'campus2020.ru',
      address: 'Ломоносовский проспект, 23',
      city: 'Москва',
      industry: 'Кафе',
      decisionMakers: [{ name: 'Иван', role: 'директор', phone: undefined, email: 'ivan@campus2020.ru' }],
    });
  });

  it('knows whether the company part changed (the call part does not count)', () => {
    const initial = base();
    expect(companyChanged(initial, withCall(initial, { outcome: 'client', note: 'x' }))).toBe(false);
    expect(companyChanged(initial, { ...initial, decisionMakers: [emptyDecisionMaker()] })).toBe(false);
    expect(companyChanged(initial, { ...initial, decisionMakers: [{ ...emptyDecisionMaker(), name: 'Иван' }] })).toBe(true);
    expect(companyChanged(initial, { ...initial, company: { ...initial.company, city: 'Химки' } })).toBe(true);
  });

  it('after a listing created the company: the user’s changes over the stored, normalised values', () => {
    const initial = base();
    const current: FormValues = { ...initial, company: { ...initial.company, city: 'Химки' }, decisionMakers: [{ name: 'Иван', role: '', phone: '', email: '' }] };
    const stored: FormValues = { ...initial, company: { ...initial.company, phones: ['+7 495 708-31-12'], name: 'Кампус' } };
    const edit = editAfterCreate(stored, initial, current);
    expect(edit.company).toMatchObject({ name: 'Кампус', phones: ['+7 495 708-31-12'], city: 'Химки' });
    expect(edit.decisionMakers).toEqual(current.decisionMakers);
  });
});
