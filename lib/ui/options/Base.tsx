/**
 * The base (#base): the whole base as a table (search, filters that combine,
 * sorting, export of the current view), a company's card, and possible
 * duplicates.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { DEFAULT_SETTINGS, STATUSES, type Settings, type Status } from '../../model';
import { filterKeys, filterValues, isEmptyFilter, type BaseFilter } from '../../store/base-query';
import { database } from '../../store/db';
import { loadSettings, onSettingsChanged } from '../../store/settings';
import { onBaseChange, onLocalKey, TOTALS_STALE_KEY } from '../../store/storage';
import { displayError } from '../../messages/errors';
import { formatNumber, plural, t, type MessageKey } from '../i18n';
import { whenOnScreen } from './on-screen';
import { sectionDrawn } from './opened-section';
import { createBaseView } from './base-state';
import { totalsStale } from './rebuild';
import { BaseTable, sourceLabel } from './BaseTable';
import { CompanyCard, type Undo } from './CompanyCard';
import { Duplicates } from './Duplicates';
import { exportBase } from './ImportExport';
import { ioErrorText } from './io-worker';
import './base.css';

const ANY = '\u0000';
const SEARCH_DELAY_MS = 150;
const UNDO_MS = 15_000;

type Values = Array<{ value: string; count?: number }>;

function Choice(props: { testid: string; label: string; value: string | undefined; options: Array<{ value: string; label: string }>; onChange: (v: string | undefined) => void }) {
  return (
    <label class="base__filter">
      <span class="small muted">{props.label}</span>
      <select data-testid={props.testid} value={props.value ?? ANY} onChange={(e) => props.onChange(e.currentTarget.value === ANY ? undefined : e.currentTarget.value)}>
        <option value={ANY}>{t('base_any')}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const withCount = (label: string, count: number | undefined) => (count === undefined ? label : `${label} (${formatNumber(count)})`);

export function BaseSection() {
  const settings = useSignal<Settings>(DEFAULT_SETTINGS);
  /** Set while the totals are rebuilt after an import or a restore: a name search then reads the index, not the word lists. */
  const wordListsStale = useRef(false);
  const view = useMemo(() => createBaseView(database, () => settings.value, () => wordListsStale.current), []);
  const search = useSignal('');
  const selected = useSignal<string | null>(null);
  const undo = useSignal<Undo | null>(null);
  const undoError = useSignal('');
  const exportState = useSignal<{ ok: boolean; text: string } | null>(null);
  const exporting = useSignal(false);
  const values = useSignal<{ industries: Values; sources: Values; managers: Values }>({ industries: [], sources: [], managers: [] });
  const sectionRef = useRef<HTMLElement>(null);
  const searchTimer = useRef<ReturnType<typeof setTimeout>>();
  const undoTimer = useRef<ReturnType<typeof setTimeout>>();

  /**
   * The filters' values (a few seeks), and with `counts` how many companies have
   * each: counting walks the index, seconds on a big base that a search would
   * wait behind, so counts are read once the user goes to the filters.
   */
  const countsWanted = useRef(false);
  const loadValues = async (counts = countsWanted.current) => {
    try {
      const db = await database();
      const read = async (index: 'byIndustry' | 'bySources' | 'byManager'): Promise<Values> =>
        counts ? filterValues(db, index) : (await filterKeys(db, index)).map((value) => ({ value }));
      // One after another: each read of the base waits behind the one before, and the table's go first.
      const industries = await read('byIndustry');
      const sources = await read('bySources');
      const managers = await read('byManager');
      values.value = { industries, sources, managers };
    } catch (e) {
      console.error('callmark: filter values', e);
    }
  };
  const wantCounts = () => {
    if (countsWanted.current) return;
    countsWanted.current = true;
    void loadValues(true);
  };

  useEffect(() => {
    const offStale = onLocalKey(TOTALS_STALE_KEY, (stale) => (wordListsStale.current = !!stale));
    void totalsStale().then(
      (stale) => (wordListsStale.current ||= stale),
      () => undefined,
    );
    // The table reads the base once it is wanted (opened at #base, or scrolled to).
    let live = false;
    const offScreen = whenOnScreen(sectionRef.current, 'base', () => {
      live = true;
      // The first rows (the whole base in its order) need no setting: they are read at once,
      // the settings alongside (tens of ms at a page's start); a search or filter typed
      // meanwhile (the phone's country, the stale threshold) runs again once they are in.
      const first = view.refresh();
      const withSettings = loadSettings().then((s) => {
        settings.value = s;
        if (!isEmptyFilter(view.filter.value)) return view.refresh();
      });
      // The filters' values once the first rows are in: the table's reads go first.
      void Promise.allSettled([first, withSettings]).then(() => loadValues());
      // Drawn (or failed): the other sections may start their reads.
      const drawn = () => requestAnimationFrame(() => sectionDrawn('base'));
      void first.then(drawn, drawn);
    });
    let valuesTimer: ReturnType<typeof setTimeout> | undefined;
    const offBase = onBaseChange((ids) => {
      if (!live) return;
      void view.changed(ids);
      dispatchEvent(new Event('callmark-base-changed'));
      clearTimeout(valuesTimer);
      valuesTimer = setTimeout(() => void loadValues(), 500);
    });
    const offSettings = onSettingsChanged((s) => {
      settings.value = s;
      if (live) void view.refresh();
    });
    return () => {
      offStale();
      offScreen();
      offBase();
      offSettings();
      clearTimeout(valuesTimer);
    };
  }, []);

  const f = view.filter.value;
  const setFilter = (patch: Partial<BaseFilter>) => void view.setQuery({ filter: { ...view.filter.value, ...patch } });
  const onSearch = (text: string) => {
    search.value = text;
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => setFilter({ text }), SEARCH_DELAY_MS);
  };
  const one = <T,>(v: T | undefined): T[] | undefined => (v === undefined ? undefined : [v]);

  const showUndo = (u: Undo) => {
    undoError.value = '';
    undo.value = u;
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => (undo.value = null), UNDO_MS);
  };
  const runUndo = async () => {
    const u = undo.value;
    if (!u) return;
    try {
      await u.run();
      undo.value = null;
    } catch (e) {
      undoError.value = displayError(e);
    }
  };

  const exportView = async () => {
    exporting.value = true;
    exportState.value = null;
    try {
      const ids = await view.wholeOrder();
      const { name, rows } = await exportBase('csv', { filter: { ids } });
      exportState.value = { ok: true, text: t('io_exported', name, rows) };
    } catch (e) {
      exportState.value = { ok: false, text: ioErrorText(e) };
    } finally {
      exporting.value = false;
    }
  };

  const industries = useMemo(() => {
    const known = new Map(values.value.industries.map((v) => [v.value, v.count]));
    const counted = values.value.industries.some((v) => v.count !== undefined);
    const all = [...new Set([...settings.value.industries, ...known.keys()])];
    return all.map((value) => ({ value, label: value === '' ? t('report_noIndustry') : withCount(value, counted ? (known.get(value) ?? 0) : undefined) }));
  }, [values.value, settings.value]);
  const count = view.count.value;

  return (
    <section id="base" class="card" data-testid="section-base" ref={sectionRef}>
      <h2>{t('options_navBase')}</h2>
      <div class="base__toolbar" role="search">
        <label class="base__search">
          <span class="visually-hidden">{t('base_search')}</span>
          <input type="search" data-testid="base-search" placeholder={t('base_searchPlaceholder')} value={search.value} onInput={(e) => onSearch(e.currentTarget.value)} />
        </label>
        <p class="base__count" aria-live="polite">
          {count === null ? (
            t('popup_loading')
          ) : (
            <>
              <span data-testid="base-count">{count}</span> <span class="muted">{plural('base_companiesWord', count)}</span>
            </>
          )}
        </p>
      </div>
      <div class="base__filters" onFocusIn={wantCounts} onPointerEnter={wantCounts}>
        <Choice
          testid="base-filter-status"
          label={t('base_colStatus')}
          value={f.statuses?.[0]}
          options={STATUSES.map((s) => ({ value: s, label: t(`status_${s}` as MessageKey) }))}
          onChange={(v) => setFilter({ statuses: one(v as Status | undefined) })}
        />
        <Choice testid="base-filter-industry" label={t('base_colIndustry')} value={f.industries?.[0]} options={industries} onChange={(v) => setFilter({ industries: one(v) })} />
        <Choice
          testid="base-filter-source"
          label={t('base_colSource')}
          value={f.sources?.[0]}
          options={values.value.sources.map((s) => ({ value: s.value, label: withCount(sourceLabel(s.value), s.count) }))}
          onChange={(v) => setFilter({ sources: one(v) })}
        />
        <Choice
          testid="base-filter-manager"
          label={t('base_colManager')}
          value={f.managers?.[0]}
          options={values.value.managers.map((m) => ({ value: m.value, label: withCount(m.value || t('report_noManager'), m.count) }))}
          onChange={(v) => setFilter({ managers: one(v) })}
        />
        <label class="check">
          <input type="checkbox" data-testid="base-filter-stale" checked={!!f.stale} onChange={(e) => setFilter({ stale: e.currentTarget.checked || undefined })} />
          <span>{t('base_filterStale', String(settings.value.staleAfterDays))}</span>
        </label>
        <label class="check">
          <input type="checkbox" data-testid="base-filter-dm" checked={!!f.hasDecisionMaker} onChange={(e) => setFilter({ hasDecisionMaker: e.currentTarget.checked || undefined })} />
          <span>{t('base_filterDm')}</span>
        </label>
        <label class="check">
          <input type="checkbox" data-testid="base-filter-callback" checked={!!f.callbackDue} onChange={(e) => setFilter({ callbackDue: e.currentTarget.checked || undefined })} />
          <span>{t('base_filterCallback')}</span>
        </label>
        <button type="button" class="btn btn--small" data-testid="base-export" disabled={exporting.value || !count} onClick={() => void exportView()}>
          {t('base_export')}
        </button>
      </div>
      {exportState.value ? (
        <p class={`notice ${exportState.value.ok ? 'notice--ok' : 'notice--error'}`} role={exportState.value.ok ? 'status' : 'alert'} data-testid="base-export-result">
          {exportState.value.text}
        </p>
      ) : null}
      {view.error.value ? (
        <p class="notice notice--error" role="alert" data-testid="base-error">
          {view.error.value}
        </p>
      ) : null}
      {undo.value ? (
        <div class="notice base__undo" role="status" data-testid="base-undo">
          <span>{undo.value.text}</span>{' '}
          <button type="button" class="btn btn--small" data-testid="base-undo-button" onClick={() => void runUndo()}>
            {t('toast_undo')}
          </button>
          {undoError.value ? <span class="field__error"> {undoError.value}</span> : null}
        </div>
      ) : null}
      <div class="base__main">
        <BaseTable view={view} onOpen={(id) => (selected.value = id)} />
        {selected.value ? (
          <CompanyCard
            id={selected.value}
            industries={settings.value.industries}
            reasonAliases={settings.value.reasonAliases}
            onClose={() => (selected.value = null)}
            onUndo={showUndo}
          />
        ) : null}
      </div>
      <Duplicates onOpen={(id) => (selected.value = id)} />
    </section>
  );
}
