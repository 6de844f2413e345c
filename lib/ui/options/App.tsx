/**
 * The options page: every section on one page, with a menu of anchors. Opened
 * at the base or the reports, that section is drawn first and the others once
 * it has drawn (lib/ui/options/opened-section.ts).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { SettingsSection } from './Settings';
import { SitesSection } from './Sites';
import { BaseSection } from './Base';
import { ReportsSection } from './Reports';
import { ImportExportSection } from './ImportExport';
import { TeamSection } from './Team';
import { StorageNotice } from '../storage-notice';
import { afterOpenedSection, waitedFor } from './opened-section';

const SECTIONS = [
  { id: 'settings', label: 'options_navSettings' },
  { id: 'sites', label: 'options_navSites' },
  { id: 'base', label: 'options_navBase' },
  { id: 'reports', label: 'options_navReports' },
  { id: 'io', label: 'options_navIo' },
  { id: 'team', label: 'options_navTeam' },
] as const;

/** Scrolls to the section the address names (the browser looked for it before it was drawn). */
const scrollToHash = () => {
  const id = location.hash.slice(1);
  if (SECTIONS.some((s) => s.id === id)) document.getElementById(id)?.scrollIntoView();
};

export function OptionsApp() {
  const first = waitedFor();
  /** Whether the sections other than `first` are drawn. */
  const all = useSignal(first === undefined);
  /** The user scrolled or clicked: the sections drawn later must not move the page (unless a menu link asked). */
  const touched = useRef(false);
  const followHash = useRef(false);
  /** Where the first section's top was on screen before the others were drawn. */
  const topBefore = useRef<number | null>(null);
  useEffect(() => {
    scrollToHash();
    if (all.value) return;
    const touch = () => (touched.current = true);
    const events = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    for (const type of events) addEventListener(type, touch, { passive: true, once: true });
    // A menu link to a section not drawn yet draws them all at once.
    const onHash = () => {
      followHash.current = true;
      all.value = true;
    };
    addEventListener('hashchange', onHash);
    void afterOpenedSection().then(() => {
      topBefore.current = first === undefined ? null : (document.getElementById(first)?.getBoundingClientRect().top ?? null);
      all.value = true;
    });
    return () => {
      for (const type of events) removeEventListener(type, touch);
      removeEventListener('hashchange', onHash);
    };
  }, []);
  // The sections drawn above it pushed it down: it goes back where it was on screen, before the frame is painted.
  useLayoutEffect(() => {
    if (!all.value || first === undefined) return;
    if (followHash.current) return scrollToHash();
    const el = document.getElementById(first);
    if (el && topBefore.current !== null && !touched.current) scrollBy(0, el.getBoundingClientRect().top - topBefore.current);
  }, [all.value]);
  const shown = (id: (typeof SECTIONS)[number]['id']) => all.value || id === first;
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
          {shown('settings') ? <SettingsSection /> : null}
          {shown('sites') ? <SitesSection /> : null}
          {shown('base') ? <BaseSection /> : null}
          {shown('reports') ? <ReportsSection /> : null}
          {shown('io') ? <ImportExportSection /> : null}
          {shown('team') ? <TeamSection /> : null}
        </main>
      </div>
    </div>
  );
}
