import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { draftFrom, settingsFromDraft } from '../../../lib/ui/options/settingsForm';

// The options page's settings section (lib/ui/options), tested here beside the popup's form.
describe('options: settings draft', () => {
  it('round-trips the defaults unchanged', () => {
    const r = settingsFromDraft(draftFrom(DEFAULT_SETTINGS), DEFAULT_SETTINGS);
    expect(r.errors).toBeNull();
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
  });

  it('trims, drops empty rows, and keeps the fields it does not edit', () => {
    const current = { ...DEFAULT_SETTINGS, overlayEnabled: false, disabledSites: ['2gis.ru'] };
    const draft = { ...draftFrom(current), managerName: '  Олег ', staleAfterDays: ' 90 ', refusalReasons: [' дорого ', '', 'другое'] };
    const r = settingsFromDraft(draft, current);
    expect(r.settings).toMatchObject({ managerName: 'Олег', staleAfterDays: 90, refusalReasons: ['дорого', 'другое'], overlayEnabled: false, disabledSites: ['2gis.ru'] });
  });

  it('refuses a staleness that is not a whole number of days in range', () => {
    for (const days of ['', '0', '-5', '1.5', 'abc', '3651', '1e3']) {
      const r = settingsFromDraft({ ...draftFrom(DEFAULT_SETTINGS), staleAfterDays: days }, DEFAULT_SETTINGS);
      expect(r.errors?.staleAfterDays?.key, days).toBe('options_errDays');
    }
  });

  it('refuses duplicates (case and ё folded), naming the item', () => {
    const r = settingsFromDraft({ ...draftFrom(DEFAULT_SETTINGS), industries: ['Общепит', 'ОБЩЕПИТ'], refusalReasons: ['ещё подумают', 'еще подумают'] }, DEFAULT_SETTINGS);
    expect(r.errors).toEqual({
      'industries.1': { key: 'options_errDuplicate', args: ['ОБЩЕПИТ'] },
      'refusalReasons.1': { key: 'options_errDuplicate', args: ['еще подумают'] },
    });
  });

  it('refuses an item over 200 characters, an unknown country, and a required reason with no reasons', () => {
    const r = settingsFromDraft(
      { ...draftFrom(DEFAULT_SETTINGS), refusalReasons: [], industries: ['x'.repeat(201)], defaultCountry: 'Russia' },
      DEFAULT_SETTINGS,
    );
    expect(Object.keys(r.errors ?? {}).sort()).toEqual(['defaultCountry', 'industries.0', 'refusalReasons']);
    const ok = settingsFromDraft({ ...draftFrom(DEFAULT_SETTINGS), refusalReasons: [], requireRefusalReason: false }, DEFAULT_SETTINGS);
    expect(ok.settings?.refusalReasons).toEqual([]);
  });
});

describe('options: refusal reasons renamed, reordered and retired', () => {
  const current = { ...DEFAULT_SETTINGS, refusalReasons: ['дорого', 'нет денег', 'другое'], retiredReasons: ['сезон'], reasonAliases: { дороговато: 'дорого' } };

  it('a renamed row becomes an alias (older aliases follow it), and the old name is not retired', () => {
    const draft = { ...draftFrom(current), refusalReasons: ['слишком дорого', 'нет денег', 'другое'] };
    const r = settingsFromDraft(draft, current);
    expect(r.settings?.refusalReasons).toEqual(['слишком дорого', 'нет денег', 'другое']);
    expect(r.settings?.reasonAliases).toEqual({ дорого: 'слишком дорого', дороговато: 'слишком дорого' });
    expect(r.settings?.retiredReasons).toEqual(['сезон']);
  });

  it('a row removed is retired; reordering keeps names; a retired reason brought back is no longer retired', () => {
    const draft = draftFrom(current);
    const r = settingsFromDraft({ ...draft, refusalReasons: ['другое', 'дорого', 'сезон'], reasonOrigins: ['другое', 'дорого', 'сезон'] }, current);
    expect(r.settings?.refusalReasons).toEqual(['другое', 'дорого', 'сезон']);
    expect(r.settings?.retiredReasons).toEqual(['нет денег']);
    expect(r.settings?.reasonAliases).toEqual({ дороговато: 'дорого' });
  });

  it('a new row is just added; a name taken again stops being an alias', () => {
    const withAlias = { ...current, reasonAliases: { дороговато: 'дорого', старое: 'другое' } };
    const draft = draftFrom(withAlias);
    const r = settingsFromDraft({ ...draft, refusalReasons: [...draft.refusalReasons, 'старое'], reasonOrigins: [...draft.reasonOrigins!, undefined] }, withAlias);
    expect(r.settings?.refusalReasons).toEqual(['дорого', 'нет денег', 'другое', 'старое']);
    expect(r.settings?.reasonAliases).toEqual({ дороговато: 'дорого' });
    expect(r.settings?.retiredReasons).toEqual(['сезон']);
  });

  it('language and badge size are saved with the rest', () => {
    const r = settingsFromDraft({ ...draftFrom(DEFAULT_SETTINGS), language: 'ru', badgeSize: 'compact' }, DEFAULT_SETTINGS);
    expect(r.settings).toMatchObject({ language: 'ru', badgeSize: 'compact' });
  });
});
