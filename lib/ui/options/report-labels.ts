/**
 * The words of the reports page: a report's title, its columns and rows, in
 * the UI language (periods and numbers through Intl), for the tables, the
 * charts and the CSV files alike.
 */
import { NO_INDUSTRY, UNMAPPED } from '../../reports/contribution';
import { AGE_BUCKETS } from '../../reports/freshness';
import type { ReportRow, ReportTable } from '../../reports/types';
import { longDate } from '../format';
import { formatNumber, t, uiLocale, type MessageKey } from '../i18n';

/** A catalogue word if there is one for `key`. */
const word = (key: string): string | undefined => {
  const text = t(key as MessageKey);
  return text && text !== key ? text : undefined;
};

const keyOf = (id: string) => id.replace(/-/g, '_');
export const reportTitle = (id: string) => word(`report_${keyOf(id)}`) ?? id;
export const chartLabel = (id: string) => word(`chart_${keyOf(id)}`) ?? reportTitle(id);
/** The heading of a table's first column: what its rows are ("Industry", "Week"). */
export const rowHeader = (table: Pick<ReportTable, 'id' | 'by'>) =>
  (table.by ? word(`rowhead_${keyOf(table.id)}_${table.by}`) : undefined) ?? word(`rowhead_${keyOf(table.id)}`) ?? t('report_row');

export function columnLabel(column: string): string {
  if (column.startsWith('source:')) return sourceLabel(column.slice(7));
  return word(`col_${column}`) ?? word(`outcome_${column}`) ?? column;
}

export function sourceLabel(source: string): string {
  if (source.startsWith('import:')) return t('report_sourceImport', source.slice(7));
  return word(`source_${source}`) ?? source;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** "March 2025" / "март 2025 г.". */
export function monthLabel(month: string): string {
  const locale = uiLocale();
  let f = monthFormats.get(locale);
  if (!f) monthFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' })));
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Number.isFinite(y) && Number.isFinite(m) ? f.format(new Date(y, m - 1, 1)) : month;
}

const dayIso = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12).toISOString();
};
export const dayLabel = (day: string) => longDate(dayIso(day), uiLocale()) || day;

export function rowLabel(table: Pick<ReportTable, 'id' | 'by'>, row: Pick<ReportRow, 'key' | 'attrs'>, staleAfterDays = 180): string {
  const { key } = row;
  switch (table.id) {
    case 'statuses':
      return word(`status_${key}`) ?? key;
    case 'funnel':
      return word(`funnel_${key}`) ?? key;
    case 'completeness':
      return word(`complete_${key}`) ?? key;
    case 'calls':
    case 'growth':
      return table.by === 'week' ? t('report_weekOf', dayLabel(key)) : dayLabel(key);
    case 'refusal-months':
      return `${monthLabel(row.attrs?.month ?? '')} — ${reasonLabel(row.attrs?.reason ?? '', row.attrs)}`;
    case 'refusal-reasons':
      return reasonLabel(key, row.attrs);
    case 'freshness': {
      if (key === 'fresh') return t('report_fresh', staleAfterDays);
      if (key === 'stale') return t('report_stale', staleAfterDays);
      const bucket = AGE_BUCKETS.find(([k]) => k === key);
      if (!bucket) return key;
      return bucket[2] === Infinity ? t('report_ageOver', bucket[1] - 1) : t('report_ageDays', bucket[1], bucket[2]);
    }
    case 'sources':
      return sourceLabel(key);
    default:
      if (key === NO_INDUSTRY) return t('report_noIndustry');
      if (key === UNMAPPED) return t('report_unmapped');
      if (table.id === 'managers' && key === '') return t('report_noManager');
      return key;
  }
}

function reasonLabel(reason: string, attrs: Record<string, string> | undefined): string {
  const text = reason || t('report_noReason');
  return attrs && 'retired' in attrs ? t('report_retired', text) : text;
}

/** A figure in a table cell: the UI language's digits and decimal sign, no grouping (the cell's text is the number). */
export const cellText = (n: number) => formatNumber(n, { useGrouping: false, maximumFractionDigits: 1 });
