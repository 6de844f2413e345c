/**
 * "This tab" → collecting the page into the base (issue 8): *Add N new
 * listings to the base* in one click, and collect mode, which keeps adding the
 * new listings of this site as the user scrolls or pages, with a running count.
 * The background does the matching and the writing (lib/io/collect.ts); the
 * page's content script does the gathering in collect mode (lib/detect/collector.ts).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { worthCollecting } from '../../detect/collector';
import { request } from '../../messages/client';
import { MAX_LOOKUP_BATCH, type CollectCounts, type CollectModeView } from '../../messages/protocol';
import { displayError } from '../../messages/errors';
import { t } from '../i18n';
import { listingOverrides } from './state';
import { askTab, type CurrentTab, type TabListing } from './tab';

/** Listings a click adds or makes a source of: new ones, and exact matches that do not know this listing yet. */
const toCollect = (listings: readonly TabListing[]) =>
  listings.filter((l) => !listingOverrides.value[l.key] && (l.result === undefined || worthCollecting(l.result)));

export function CollectPanel(props: { tab: CurrentTab; listings: readonly TabListing[]; version: number }) {
  const { tab, listings } = props;
  const busy = useSignal(false);
  const summary = useSignal<CollectCounts | null>(null);
  const error = useSignal('');
  const mode = useSignal<CollectModeView | null>(null);

  useEffect(() => {
    // Asked again whenever the tab's listings are (a base change): the running count grows.
    request('collectMode', { tabId: tab.id }).then(
      (m) => (mode.value = m),
      () => (mode.value = null),
    );
  }, [tab.id, props.version]);

  const fresh = listings.filter((l) => !listingOverrides.value[l.key] && (l.result === undefined || l.result.match === 'none')).length;

  const addAll = async () => {
    busy.value = true;
    error.value = '';
    const total: CollectCounts = { created: 0, sourced: 0, known: 0, repeats: 0, uncertain: 0 };
    try {
      const sendable = toCollect(listings);
      // What is not sent is counted here: listings the base has from this very page, and possible matches.
      const uncertain = listings.filter((l) => l.result?.match === 'likely' || l.result?.match === 'several').length;
      total.uncertain += uncertain;
      total.known += listings.length - sendable.length - uncertain;
      const data = sendable.map((l) => l.data);
      for (let i = 0; i < data.length; i += MAX_LOOKUP_BATCH) {
        const r = await request('collect', { listings: data.slice(i, i + MAX_LOOKUP_BATCH) });
        total.created += r.created;
        total.sourced += r.sourced;
        total.known += r.known;
        total.repeats += r.repeats;
        total.uncertain += r.uncertain;
      }
      summary.value = total;
    } catch (e) {
      error.value = displayError(e);
    } finally {
      busy.value = false;
    }
  };

  const toggle = async (on: boolean) => {
    error.value = '';
    try {
      mode.value = await request('collectMode', { tabId: tab.id, on, ...(tab.host ? { host: tab.host } : {}) });
      // The page starts (or stops) gathering now; a page loaded later asks the background itself.
      await askTab(tab.id, 'collect', { on }).catch(() => undefined);
    } catch (e) {
      error.value = displayError(e);
    }
  };

  const s = summary.value;
  const m = mode.value;
  return (
    <div class="collect" data-testid="collect">
      {fresh > 0 ? (
        <button type="button" class="btn btn--primary collect__add" data-testid="collect-add" disabled={busy.value} onClick={() => void addAll()}>
          {busy.value ? t('popup_collecting') : fresh === 1 ? t('popup_collectAddOne') : t('popup_collectAdd', fresh)}
        </button>
      ) : listings.length > 0 && !s ? (
        <p class="small muted" data-testid="collect-nothing">
          {t('popup_collectNothing')}
        </p>
      ) : null}
      {s ? (
        <p class="notice notice--ok small" role="status" data-testid="collect-summary">
          {t('popup_collectDone', s.created, s.known + s.sourced, s.sourced)}
          {s.repeats ? ` ${t('popup_collectRepeats', s.repeats)}` : ''}
          {s.uncertain ? ` ${t('popup_collectUncertain', s.uncertain)}` : ''}
        </p>
      ) : null}
      <label class="check collect__mode">
        <input type="checkbox" data-testid="collect-mode" checked={!!m?.on} disabled={!m} onChange={(e) => void toggle(e.currentTarget.checked)} />
        <span>{t('popup_collectMode')}</span>
      </label>
      {m?.on ? (
        <p class="small collect__count" role="status">
          <strong data-testid="collect-count">{t('popup_collectCount', m.added)}</strong>
          <br />
          <span class="muted">{t('popup_collectHint')}</span>
        </p>
      ) : null}
      {error.value ? (
        <p class="notice notice--error small" role="alert" data-testid="collect-error">
          {error.value}
        </p>
      ) : null}
    </div>
  );
}
