/**
 * The reports section (#reports): every report's table at once, over a date
 * range and optionally one manager, read from the totals store.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { REPORTS } from '../../reports';
import type { ReportQuery, ReportTable } from '../../reports/types';
import { loadSettings } from '../../store/settings';
import { database } from '../../store/db';
import { runReports } from '../../store/reports';
import { readSum } from '../../store/totals';
import { onBaseChange } from '../../store/storage';
import { t, type MessageKey } from '../i18n';
import { totalsRebuild } from './rebuild';

const label = (key: string) => t(key as MessageKey) || key;

export function ReportsSection() {
  const query = useSignal<ReportQuery>({});
  const tables = useSignal<ReportTable[] | null>(null);
  const managers = useSignal<string[]>([]);
  const error = useSignal('');

  const load = async () => {
    try {
      const db = await database();
      const settings = await loadSettings();
      tables.value = await runReports(db, REPORTS, query.value, { reasonAliases: settings.reasonAliases });
      const calls = await readSum(db, 'call');
      managers.value = [...new Set([...calls.keys()].map((k) => k.split('\t')[1] ?? ''))].sort();
    } catch (e) {
      error.value = t('report_failed');
      console.error('callmark: reports failed', e);
    }
  };
  useEffect(() => {
    void load();
    return onBaseChange(() => void load());
  }, []);
  const set = (patch: Partial<ReportQuery>) => {
    query.value = { ...query.value, ...patch };
    void load();
  };
  const q = query.value;
  const rebuilding = totalsRebuild.value;

  return (
    <section id="reports" class="card" data-testid="section-reports">
      <h2>{t('options_navReports')}</h2>
      <div class="report-filters">
        <label>
          {t('report_from')}{' '}
          <input type="date" data-testid="report-from" value={q.from ?? ''} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        </label>
        <label>
          {t('report_to')}{' '}
          <input type="date" data-testid="report-to" value={q.to ?? ''} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
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
      {rebuilding ? (
        <progress max={rebuilding.total || 1} value={rebuilding.done} aria-label={t('report_rebuilding')} />
      ) : null}
      {error.value ? <p class="notice notice--error" role="alert">{error.value}</p> : null}
      {tables.value?.map((table) => (
        <div class="report" key={table.id}>
          <h3>{label(`report_${table.id.replace('-', '_')}`)}</h3>
          <table data-testid={`report-${table.id}`}>
            <thead>
              <tr>
                <th scope="col">{t('report_row')}</th>
                {table.columns.map((c) => (
                  <th scope="col" key={c}>
                    {label(`col_${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key} data-key={row.key}>
                  <th scope="row">{rowLabel(table.id, row.key)}</th>
                  {table.columns.map((c) => (
                    <td key={c} data-col={c}>
                      {row.cells[c] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function rowLabel(report: string, key: string): string {
  if (report === 'statuses') return label(`status_${key}`);
  if (report === 'calls') return label(`outcome_${key}`);
  if (report === 'funnel') return label(`funnel_${key}`);
  if (report === 'completeness') return label(`complete_${key}`);
  if (key === '#none') return t('report_noIndustry');
  if (key === '#unmapped') return t('report_unmapped');
  if (report === 'managers' && key === '') return t('report_noManager');
  return key;
}
