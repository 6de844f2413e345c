/**
 * The reports section (#reports): every report's table at once, over a date
 * range and optionally one manager, read from the totals store (never the raw
 * calls). Each report has a chart beside its table, drawn by Chart.js once the
 * section is on screen (lib/ui/options/charts.ts, loaded only then), and a CSV
 * export.
 */
import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Company } from '../../model';
import { REPORTS } from '../../reports';
import { localDay } from '../../reports/periods';
import type { ReportQuery, ReportTable } from '../../reports/types';
import { displayError } from '../../messages/errors';
import { BOM, csvLine } from '../../io/csv-write';
import { loadSettings, onSettingsChanged } from '../../store/settings';
import { database } from '../../store/db';
import { lastSeenSource, runReports, staleCompanies } from '../../store/reports';
import { readSum } from '../../store/totals';
import { onBaseChange, onLocalKey, TOTALS_STALE_KEY } from '../../store/storage';
import type { Settings } from '../../model/settings';
import { longDate } from '../format';
import { plural, t, uiLocale } from '../i18n';
import { chartSpec } from './chart-spec';
import type { DrawnChart } from './charts';
import { fileDate, saveFile } from './io-worker';
import { cellText, chartLabel, columnLabel, reportTitle, rowHeader, rowLabel } from './report-labels';
import { totalsRebuild } from './rebuild';
import { whenOnScreen } from './on-screen';
import { writeReportRows } from './report-rows';
import { sectionDrawn } from './opened-section';

type Charts = typeof import('./charts');

/** Test builds: how long the last load took, for the benchmark (bench/reports.bench.mjs). */
export interface ReportTimings {
  /** Reading the totals and computing every report, ms. */
  compute: number;
  /** From the start of the load until every table is in the page, ms. */
  tables: number;
  /** Each chart's drawing, ms. */
  charts: Record<string, number>;
}

const STALE_SHOWN = 50;

export function ReportsSection() {
  const query = useSignal<ReportQuery>({});
  const tables = useSignal<ReportTable[] | null>(null);
  const managers = useSignal<string[]>([]);
  const stale = useSignal<Company[] | null>(null);
  const settings = useSignal<Settings | null>(null);
  const error = useSignal('');
  const charts = useSignal<Charts | null>(null);
  const section = useRef<HTMLElement>(null);
  const loading = useRef(0);

  const load = async () => {
    const run = ++loading.current;
    const started = performance.now();
    try {
      const q = query.value;
      const today = localDay(new Date());
      // The totals are read while the settings load: only the computing needs them.
      const settingsLoad = loadSettings();
      const context = settingsLoad.then((s) => ({ reasonAliases: s.reasonAliases, retiredReasons: s.retiredReasons, today, staleAfterDays: s.staleAfterDays }));
      const opening = database();
      const [computed, s, db] = await Promise.all([opening.then((db) => runReports(db, REPORTS, q, context)), settingsLoad, opening]);
      if (run !== loading.current) return; // a newer load (another filter) wins
      const compute = performance.now() - started;
      settings.value = s;
      tables.value = computed;
      error.value = '';
      if (__TEST_HOOKS__) {
        requestAnimationFrame(() => {
          const w = window as unknown as { callmarkReportTimings?: ReportTimings };
          w.callmarkReportTimings = { compute, tables: performance.now() - started, charts: w.callmarkReportTimings?.charts ?? {} };
        });
      }
      requestAnimationFrame(() => sectionDrawn('reports'));
      // The stale list and the managers' names come after the tables, so their reads do not hold the tables up.
      const [calls, staleList] = await Promise.all([readSum(db, 'call'), staleCompanies(db, { today, staleAfterDays: s.staleAfterDays, manager: q.manager, limit: STALE_SHOWN })]);
      if (run !== loading.current) return;
      stale.value = staleList;
      managers.value = [...new Set([...calls.keys()].map((k) => k.split('\t')[1] ?? ''))].sort((a, b) => a.localeCompare(b, uiLocale()));
    } catch (e) {
      error.value = `${t('report_failed')} ${displayError(e)}`;
      sectionDrawn('reports');
      console.error('callmark: reports failed', e);
    }
  };

  useEffect(() => {
    // Read the totals and draw the charts (Chart.js loads only then) once the reports are wanted.
    let live = false;
    const offScreen = whenOnScreen(section.current, 'reports', () => {
      live = true;
      // Chart.js is parsed after the tables are in: loaded alongside, it held up the totals' reads.
      void load().then(() => import('./charts')).then(
        (m) => (charts.value = m),
        (e: unknown) => console.error('callmark: charts unavailable', e),
      );
    });
    const reload = () => live && void load();
    const offBase = onBaseChange(reload);
    // The totals rebuilt after an import or a restore (in this page or another): read them again.
    const offTotals = onLocalKey(TOTALS_STALE_KEY, (stale) => stale || reload());
    const offSettings = onSettingsChanged(reload);
    return () => {
      offScreen();
      offBase();
      offTotals();
      offSettings();
    };
  }, []);

  const set = (patch: Partial<ReportQuery>) => {
    query.value = { ...query.value, ...patch };
    void load();
  };
  const q = query.value;
  const rebuilding = totalsRebuild.value;
  const s = settings.value;
  const callsBy = tables.value?.find((x) => x.id === 'calls')?.by;

  return (
    <section id="reports" class="card" data-testid="section-reports" ref={section}>
      <h2>{t('options_navReports')}</h2>
      <div class="report-filters">
        <label>
          {t('report_from')}{' '}
          <input type="date" data-testid="report-from" value={q.from ?? ''} max={q.to} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        </label>
        <label>
          {t('report_to')}{' '}
          <input type="date" data-testid="report-to" value={q.to ?? ''} min={q.from} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        </label>
        <label>
          {t('report_manager')}{' '}
          <select data-testid="report-manager" value={q.manager ?? '\u0000'} onChange={(e) => set({ manager: e.currentTarget.value === '\u0000' ? undefined : e.currentTarget.value })}>
            <option value={'\u0000'}>{t('report_allManagers')}</option>
            {managers.value.map((m) => (
              <option key={m} value={m}>
                {m || t('report_noManager')}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rebuilding ? <progress max={rebuilding.total || 1} value={rebuilding.done} aria-label={t('report_rebuilding')} /> : null}
      {error.value ? (
        <p class="notice notice--error" role="alert">
          {error.value}
        </p>
      ) : null}
      {tables.value === null && !error.value ? <p class="muted">{t('popup_loading')}</p> : null}
      <div class="reports">
        {tables.value?.map((table) => (
          <ReportView key={table.id} table={table} charts={charts.value} staleAfterDays={s?.staleAfterDays ?? 180}>
            {table.id === 'calls' ? (
              <label class="report__option">
                {t('report_callsBy')}{' '}
                <select data-testid="report-calls-by" value={callsBy} onChange={(e) => set({ callsBy: e.currentTarget.value as 'day' | 'week' })}>
                  <option value="day">{t('report_byDay')}</option>
                  <option value="week">{t('report_byWeek')}</option>
                </select>
              </label>
            ) : null}
            {table.id === 'industries' && table.rows.some((r) => r.key === '#unmapped') ? (
              <p class="muted small">
                <a href="#settings">{t('report_mapRubrics')}</a>
              </p>
            ) : null}
            {table.id === 'freshness' ? <StaleList companies={stale.value} staleRow={table.rows.find((r) => r.key === 'stale')?.cells.count ?? 0} /> : null}
            {table.id === 'freshness' || table.id === 'growth' ? <p class="muted small">{t(table.id === 'freshness' ? 'report_freshnessNote' : 'report_growthNote')}</p> : null}
          </ReportView>
        ))}
      </div>
    </section>
  );
}

function ReportView(props: { table: ReportTable; charts: Charts | null; staleAfterDays: number; children?: ComponentChildren }) {
  const { table, charts, staleAfterDays } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnChart | null>(null);
  const title = reportTitle(table.id);

  useEffect(() => {
    if (!charts || !canvas.current) return;
    const started = performance.now();
    const spec = chartSpec(table, staleAfterDays);
    if (drawn.current) drawn.current.update(spec);
    else drawn.current = charts.drawChart(canvas.current, spec);
    if (__TEST_HOOKS__) {
      const w = window as unknown as { callmarkReportTimings?: ReportTimings };
      w.callmarkReportTimings ??= { compute: 0, tables: 0, charts: {} };
      w.callmarkReportTimings.charts[table.id] = performance.now() - started;
    }
  }, [table, charts]);
  useEffect(() => () => drawn.current?.destroy(), []);

  const exportCsv = () => {
    const ru = uiLocale().startsWith('ru');
    const delimiter = ru ? ';' : ',';
    const lines = [
      csvLine([rowHeader(table), ...table.columns.map(columnLabel)], delimiter),
      ...table.rows.map((r) => csvLine([rowLabel(table, r, staleAfterDays), ...table.columns.map((c) => cellText(r.cells[c] ?? 0))], delimiter)),
      ...(table.total ? [csvLine([t('report_total'), ...table.columns.map((c) => cellText(table.total![c] ?? 0))], delimiter)] : []),
    ];
    saveFile(new Blob([BOM + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }), `callmark-${table.id}-${fileDate()}.csv`);
  };

  return (
    <div class="report" data-report={table.id}>
      <div class="report__head">
        <h3>{title}</h3>
        <button type="button" class="btn btn--small" data-testid={`report-csv-${table.id}`} onClick={exportCsv}>
          {t('report_csv')}
        </button>
      </div>
      {props.children}
      {/* A table of many columns goes under its chart, across the page. */}
      <div class={table.columns.length > 4 ? 'report__body report__body--wide' : 'report__body'}>
        <div class="report__chart">
          <canvas ref={canvas} role="img" aria-label={chartLabel(table.id)} data-testid={`chart-${table.id}`} />
        </div>
        <div class="report__table">
          <table data-testid={`report-${table.id}`} {...(table.by ? { 'data-by': table.by } : {})}>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader(table)}</th>
                {table.columns.map((c) => (
                  <th scope="col" key={c}>
                    {columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <ReportRows table={table} staleAfterDays={staleAfterDays} />
            {table.total ? (
              <tfoot>
                <tr data-key="total">
                  <th scope="row">{t('report_total')}</th>
                  {table.columns.map((c) => (
                    <td key={c} data-col={c}>
                      {cellText(table.total![c] ?? 0)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </div>
    </div>
  );
}

/** A table's body, written by writeReportRows before the frame is painted (Preact keeps out of it). */
function ReportRows(props: { table: ReportTable; staleAfterDays: number }) {
  const body = useRef<HTMLTableSectionElement>(null);
  const { table, staleAfterDays } = props;
  const locale = uiLocale();
  useLayoutEffect(() => {
    if (body.current) writeReportRows(body.current, table, staleAfterDays, t('report_empty'));
  }, [table, staleAfterDays, locale]);
  return <tbody ref={body} />;
}

/** The stale companies to check again, oldest first, each with a link to where it was last seen. */
function StaleList(props: { companies: Company[] | null; staleRow: number }) {
  const locale = uiLocale();
  // Read after the tables (see load): a moment of "loading", not a wrong "none".
  if (props.companies === null) return <p class="muted small">{t('popup_loading')}</p>;
  if (props.companies.length === 0) return <p class="muted small">{t('report_staleNone')}</p>;
  return (
    <div class="stale">
      <h4>{t('report_staleList')}</h4>
      {props.staleRow > props.companies.length ? <p class="muted small">{t('report_staleShown', props.companies.length, plural('count_companies', props.staleRow))}</p> : null}
      <ol data-testid="report-freshness-stale">
        {props.companies.map((c) => {
          const seen = lastSeenSource(c);
          return (
            <li key={c.id} data-testid="stale-company" data-id={c.id}>
              <bdi>{c.name}</bdi>{' '}
              <span class="muted small">{t('report_staleConfirmed', longDate(c.confirmedAt ?? c.createdAt, locale))}</span>{' '}
              {seen?.url ? (
                <a href={seen.url} target="_blank" rel="noopener noreferrer" data-testid="stale-seen">
                  {t('report_staleSeen', seen.directory === 'import' ? (seen.file ?? seen.directory) : seen.directory, longDate(seen.lastSeen, locale))}
                </a>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
