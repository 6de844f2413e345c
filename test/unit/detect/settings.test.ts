import { fakeBrowser } from 'wxt/testing';
import { describe, expect, it, vi } from 'vitest';
import { loadOverlaySettings, onBaseChange, onOverlaySettingsChanged, readOverlaySettings, type OverlaySettings } from '../../../lib/detect/settings';
import { isSiteDisabled } from '../../../lib/detect/port';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { announceBaseChange, saveSettings } from '../../../lib/store/settings';

// The content script reads settings without zod; these tests write through the
// store's own functions so the two stay in step.
describe('overlay settings', () => {
  it('defaults equal the schema defaults when nothing is stored', async () => {
    const s = await loadOverlaySettings();
    expect(s).toEqual({
      overlayEnabled: DEFAULT_SETTINGS.overlayEnabled,
      disabledSites: DEFAULT_SETTINGS.disabledSites,
      refusalReasons: DEFAULT_SETTINGS.refusalReasons,
      requireRefusalReason: DEFAULT_SETTINGS.requireRefusalReason,
      defaultCountry: DEFAULT_SETTINGS.defaultCountry,
      language: DEFAULT_SETTINGS.language,
      badgeSize: DEFAULT_SETTINGS.badgeSize,
      reasonAliases: DEFAULT_SETTINGS.reasonAliases,
    });
  });

  it('reads what saveSettings wrote', async () => {
    const saved: OverlaySettings = {
      overlayEnabled: false,
      disabledSites: ['2gis.ru'],
      refusalReasons: ['дорого'],
      requireRefusalReason: false,
      defaultCountry: 'KZ',
      language: 'ru',
      badgeSize: 'compact',
      reasonAliases: { дороговато: 'дорого' },
    };
    await saveSettings(saved);
    expect(await loadOverlaySettings()).toEqual(saved);
  });

  it('hears settings changes and base changes', async () => {
    const settings = vi.fn();
    const base = vi.fn();
    const off1 = onOverlaySettingsChanged(settings);
    const off2 = onBaseChange(base);
    await saveSettings({ disabledSites: ['zoon.ru'] });
    await announceBaseChange(['00000000-0000-4000-8000-000000000001']);
    await vi.waitFor(() => expect(base).toHaveBeenCalledWith(['00000000-0000-4000-8000-000000000001']));
    expect(settings.mock.lastCall![0].disabledSites).toEqual(['zoon.ru']);
    off1();
    off2();
    await announceBaseChange([]);
    expect(base).toHaveBeenCalledTimes(1);
  });

  it('a damaged record falls back field by field', () => {
    expect(readOverlaySettings({ overlayEnabled: 'yes', disabledSites: [1, 'a.ru'], defaultCountry: 'ru' })).toMatchObject({
      overlayEnabled: true,
      disabledSites: ['a.ru'],
      defaultCountry: 'RU',
    });
    expect(readOverlaySettings(null).overlayEnabled).toBe(true);
  });

  it('a site switched off covers www. and subdomains, not look-alikes', () => {
    expect(isSiteDisabled(['2gis.ru'], 'www.2gis.ru')).toBe(true);
    expect(isSiteDisabled(['2gis.ru'], 'spb.2gis.ru')).toBe(true);
    expect(isSiteDisabled(['www.zoon.ru'], 'zoon.ru')).toBe(true);
    expect(isSiteDisabled(['2gis.ru'], 'not2gis.ru')).toBe(false);
    expect(isSiteDisabled([], '2gis.ru')).toBe(false);
  });
});

void fakeBrowser;
