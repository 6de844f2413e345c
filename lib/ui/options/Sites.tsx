/**
 * Where the overlay runs: the directories the user switched it off on (from the
 * popup), and the other sites it was turned on for (generic detection).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { disableSite, originsFor } from '../../detect/registration';
import type { Settings } from '../../model/settings';
import { loadSettings, onSettingsChanged, saveSettings } from '../../store/settings';
import { t } from '../i18n';
import { displayError } from '../../messages/errors';

export function SitesSection() {
  const settings = useSignal<Settings | null>(null);
  const error = useSignal('');

  useEffect(() => {
    void loadSettings().then((s) => (settings.value = s));
    return onSettingsChanged((s) => (settings.value = s));
  }, []);

  const act = async (work: () => Promise<unknown>) => {
    error.value = '';
    try {
      await work();
    } catch (e) {
      error.value = displayError(e);
    }
  };
  const switchBackOn = (host: string) =>
    act(async () => saveSettings({ disabledSites: (await loadSettings()).disabledSites.filter((h) => h !== host) }));
  const turnOff = (host: string) =>
    act(async () => {
      await disableSite(host);
      // Give the permission back too: nothing of ours needs that site any more.
      await browser.permissions.remove({ origins: originsFor(host) }).catch(() => false);
    });

  const s = settings.value;
  return (
    <section id="sites" class="card" data-testid="section-sites">
      <h2>{t('options_navSites')}</h2>
      <h3>{t('options_sitesOff')}</h3>
      {s && s.disabledSites.length > 0 ? (
        <ul class="sites" data-testid="sites-off">
          {s.disabledSites.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" class="btn" onClick={() => void switchBackOn(host)}>
                {t('options_sitesSwitchOn')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('options_sitesNoneOff')}</p>
      )}
      <h3>{t('options_sitesExtra')}</h3>
      {s && s.extraSites.length > 0 ? (
        <ul class="sites" data-testid="sites-extra">
          {s.extraSites.map((host) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" class="btn" onClick={() => void turnOff(host)}>
                {t('options_sitesTurnOff')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('options_sitesNoneExtra')}</p>
      )}
      {error.value ? (
        <p class="notice notice--error" role="alert">
          {error.value}
        </p>
      ) : null}
    </section>
  );
}
