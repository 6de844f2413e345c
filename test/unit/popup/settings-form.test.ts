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
