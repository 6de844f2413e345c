/**
 * The options page: settings now; the base, reports and import/export have
 * their places here and arrive with their issues.
 */
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { SettingsSection } from './Settings';
import { SitesSection } from './Sites';
import { BaseSection } from './Base';
import { ReportsSection } from './Reports';
import { ImportExportSection } from './ImportExport';
import { TeamSection } from './Team';
import { StorageNotice } from '../storage-notice';

const SECTIONS = [
  { id: 'settings', label: 'options_navSettings' },
  { id: 'sites', label: 'options_navSites' },
  { id: 'base', label: 'options_navBase' },
  { id: 'reports', label: 'options_navReports' },
  { id: 'io', label: 'options_navIo' },
  { id: 'team', label: 'options_navTeam' },
] as const;

export function OptionsApp() {
  useEffect(() => {
    // Opened at a section (#base, #reports): the browser looked for it before it was drawn.
    const id = location.hash.slice(1);
    if (SECTIONS.some((s) => s.id === id)) document.getElementById(id)?.scrollIntoView();
  }, []);
  return (
    <div class="options">
      <header class="options__top">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <div>
          <h1>{t('extName')}</h1>
          <p class="muted small">{t('extDescription')}</p>
        </div>
      </header>
      <div class="options__body">
        <nav class="options__nav" aria-label={t('options_nav')}>
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{t(s.label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="options__main">
          <StorageNotice />
          <SettingsSection />
          <SitesSection />
          <BaseSection />
          <ReportsSection />
          <ImportExportSection />
          <TeamSection />
        </main>
      </div>
    </div>
  );
}
