/** "This tab": the listings the overlay found on the current tab, with their statuses. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { onBaseChange } from '../../store/storage';
import { t } from '../i18n';
import { settings, formTarget, listingOverrides, type FormTarget } from './state';
import { StatusChip } from './StatusChip';
import { enableSite, injectNow, originsFor } from '../../detect/registration';
import { askTab, isNotWeb, NoOverlayError, type CurrentTab, type TabListing } from './tab';
import { displayError } from '../../messages/errors';
import { CollectPanel } from './Collect';

type TabState =
  | { kind: 'loading' }
  | { kind: 'noTab' }
  /** chrome://, the web store, a file: nothing to look at. */
  | { kind: 'notWeb' }
  /** No content script answers: a site with no adapter that the user has not turned on. */
  | { kind: 'noOverlay' }
  | { kind: 'ready'; directory: string | null; listings: TabListing[] };

export function ThisTab(props: { tab: CurrentTab | null | undefined }) {
  const { tab } = props;
  const state = useSignal<TabState>({ kind: 'loading' });
  const filter = useSignal('');
  const enableError = useSignal('');
  /** Bumped on every reload of the tab's listings, so the collect panel asks for its count again. */
  const version = useSignal(0);

  const load = async () => {
    if (tab === undefined) return;
    if (!tab) return void (state.value = { kind: 'noTab' });
    if (isNotWeb(tab.url)) return void (state.value = { kind: 'notWeb' });
    try {
      const answer = await askTab(tab.id, 'listings', {});
      state.value = { kind: 'ready', directory: answer.directory, listings: answer.listings };
      version.value++;
    } catch (error) {
      if (!(error instanceof NoOverlayError)) throw error;
      // No content script answered: a site Callmark does not know (it can be turned on), or a page it cannot see.
      state.value = tab.host ? { kind: 'noOverlay' } : { kind: 'notWeb' };
    }
  };

  useEffect(() => {
    void load();
    // A call logged anywhere changes statuses here; the overlay looks them up again, then so do we.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onBaseChange(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 400);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [tab]);

  const turnOn = async () => {
    if (!tab?.host) return;
    enableError.value = '';
    try {
      // Must run inside the click: the browser asks the user here.
      const granted = await browser.permissions.request({ origins: originsFor(tab.host) });
      if (!granted) return void (enableError.value = t('popup_enableDenied'));
      await enableSite(tab.host);
      state.value = { kind: 'loading' };
      // Run it in this tab now, so no reload is needed; then ask it what it found.
      await injectNow(tab.id).catch(() => browser.tabs.reload(tab.id));
      setTimeout(() => void load(), 800);
    } catch (error) {
      enableError.value = displayError(error);
    }
  };

  const s = state.value;
  if (s.kind === 'loading') return <p class="empty muted">{t('popup_loading')}</p>;
  if (s.kind === 'noTab' || s.kind === 'notWeb') return <p class="empty muted">{t('popup_notWeb')}</p>;

  const site = settings.value;
  const paused = site ? !site.overlayEnabled : false;
  const offHere = !!(site && tab?.host && site.disabledSites.includes(tab.host));

  if (paused) return <p class="empty muted" data-testid="paused-note">{t('popup_pausedEverywhere')}</p>;
  if (offHere) return <p class="empty muted" data-testid="off-note">{t('popup_offOnSite')}</p>;
  if (s.kind === 'noOverlay' || s.directory === null) {
    return (
      <div class="empty" data-testid="no-overlay">
        <p>{t('popup_noAdapter', tab?.host ?? '')}</p>
        <button type="button" class="btn btn--primary" data-testid="enable-site" onClick={turnOn}>
          {t('popup_enableSite')}
        </button>
        <p class="small muted">{t('popup_enableSiteHint')}</p>
        {enableError.value ? <p class="notice notice--error">{enableError.value}</p> : null}
      </div>
    );
  }

  const listings = s.listings;
  const collect = tab ? <CollectPanel tab={tab} listings={listings} version={version.value} /> : null;
  if (listings.length === 0) {
    return (
      <>
        <p class="empty muted">{t('popup_noListings')}</p>
        {collect}
      </>
    );
  }

  const q = filter.value.trim().toLowerCase();
  const shown = q ? listings.filter((l) => l.data.name.toLowerCase().includes(q)) : listings;

  const open = (listing: TabListing) => {
    if (!tab) return;
    // A listing saved from here a moment ago is in the base now, even if the page has not looked it up again yet.
    const saved = listingOverrides.value[listing.key];
    const result = saved ? { match: 'exact' as const, candidates: [], company: saved } : listing.result;
    const target: FormTarget = { kind: 'listing', key: listing.key, listing: listing.data, result, tabId: tab.id, pageUrl: tab.url };
    formTarget.value = target;
    // Show the user which card this is; nothing depends on the answer.
    askTab(tab.id, 'reveal', { key: listing.key }).catch(() => undefined);
  };

  return (
    <div class="tab-listings">
      {listings.length > 8 ? (
        <input
          type="search"
          class="filter"
          placeholder={t('popup_filterListings')}
          aria-label={t('popup_filterListings')}
          value={filter.value}
          onInput={(e) => (filter.value = e.currentTarget.value)}
        />
      ) : null}
      {collect}
      <p class="small muted list-caption">{t('popup_listingsCount', listings.length)}</p>
      <ul class="rows" data-testid="tab-listings">
        {shown.map((l) => {
          const saved = listingOverrides.value[l.key];
          const company = saved ?? l.result?.company;
          const likely = !saved && (l.result?.match === 'likely' || l.result?.match === 'several');
          return (
            <li key={l.key}>
              <button type="button" class="row" data-testid="listing" data-key={l.key} onClick={() => open(l)}>
                <span class="row__main">
                  <span class="row__title">{l.data.name}</span>
                  <span class="row__sub muted">{[l.data.address, l.data.category].filter(Boolean).join(' · ')}</span>
                </span>
                <StatusChip status={company?.status ?? 'new'} callbackAt={company?.callbackAt} likely={likely} stale={company?.stale} />
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
