/**
 * What each report's chart draws, from its table: pure data for
 * lib/ui/options/charts.ts (which holds Chart.js and is loaded only when the
 * reports are on screen).
 */
import { OUTCOMES } from '../../model/outcome';
import { outcomeColumn } from '../../reports/calls';
import type { ReportTable } from '../../reports/types';
import { columnLabel, monthLabel, rowLabel } from './report-labels';

export interface ChartSpec {
  labels: string[];
  datasets: Array<{ label: string; data: number[]; color: string }>;
  /** Bars side by side (false) or stacked (true). */
  stacked: boolean;
  /** Bars along the category axis lying down (long category names). */
  horizontal: boolean;
  /** The values are percentages. */
  percent?: boolean;
}

/** The badges' colours, so a status looks the same everywhere. */
export const STATUS_COLOR: Record<string, string> = {
  new: '#94a3b8',
  no_answer: '#d97706',
  callback: '#2563eb',
  interested: '#7c3aed',
  client: '#16a34a',
  clients: '#16a34a',
  refused: '#dc2626',
  not_user: '#6b7280',
  closed: '#111827',
  wrong_number: '#ea580c',
  do_not_call: '#7f1d1d',
};
const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#7c3aed', '#d97706', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c', '#475569', '#0d9488'];
const colorOf = (key: string, i: number) => STATUS_COLOR[key] ?? PALETTE[i % PALETTE.length]!;

/** At most this many categories in a chart; the table keeps every row. */
const MAX_BARS = 40;

export function chartSpec(table: ReportTable, staleAfterDays?: number): ChartSpec {
  const label = (i: number) => rowLabel(table, table.rows[i]!, staleAfterDays);
  const column = (col: string, color: string, rows = table.rows) => ({ label: columnLabel(col), data: rows.map((r) => r.cells[col] ?? 0), color });
  const categorical = (cols: string[], opts: Partial<ChartSpec> = {}): ChartSpec => {
    const rows = table.rows.slice(0, MAX_BARS);
    return {
      labels: rows.map((_, i) => label(i)),
      datasets: cols.map((c, i) => column(c, colorOf(c, i), rows)),
      stacked: false,
      horizontal: true,
      ...opts,
    };
  };
  switch (table.id) {
    case 'statuses':
      return { ...categorical(['count']), datasets: [{ label: columnLabel('count'), data: table.rows.map((r) => r.cells.count ?? 0), color: '#2563eb' }] };
    case 'industries':
      return categorical(['companies', 'interested', 'clients', 'refused']);
    case 'refusal-reasons':
      return categorical(['count'], { datasets: [column('count', STATUS_COLOR.refused!, table.rows.slice(0, MAX_BARS))] });
    case 'managers':
      return categorical(['calls', 'reached', 'interested', 'clients', 'refused']);
    case 'sources':
      return categorical(['companies', 'calls', 'clients']);
    case 'funnel':
      return categorical(['count']);
    case 'completeness':
      return categorical(['share'], { percent: true });
    case 'freshness': {
      const rows = table.rows.filter((r) => r.attrs?.bucket === 'age');
      return {
        labels: rows.map((r) => rowLabel(table, r, staleAfterDays)),
        datasets: [{ label: columnLabel('count'), data: rows.map((r) => r.cells.count ?? 0), color: '#0891b2' }],
        stacked: false,
        horizontal: false,
      };
    }
    case 'calls': {
      return {
        labels: table.rows.map((_, i) => label(i)),
        datasets: OUTCOMES.map((o) => column(outcomeColumn(o), STATUS_COLOR[o]!)),
        stacked: true,
        horizontal: false,
      };
    }
    case 'growth':
      return {
        labels: table.rows.map((_, i) => label(i)),
        datasets: table.columns.filter((c) => c.startsWith('source:')).map((c, i) => column(c, colorOf(c, i))),
        stacked: true,
        horizontal: false,
      };
    case 'refusal-months': {
      const months = [...new Set(table.rows.map((r) => r.attrs?.month ?? ''))].sort();
      const reasons = [...new Set(table.rows.map((r) => r.attrs?.reason ?? ''))];
      const at = new Map(table.rows.map((r) => [`${r.attrs?.month}|${r.attrs?.reason}`, r.cells.count ?? 0]));
      return {
        labels: months.map(monthLabel),
        datasets: reasons.map((reason, i) => ({
          label: rowLabel({ id: 'refusal-reasons' }, { key: reason, attrs: table.rows.find((r) => r.attrs?.reason === reason)?.attrs }),
          data: months.map((m) => at.get(`${m}|${reason}`) ?? 0),
          color: colorOf(reason, i),
        })),
        stacked: true,
        horizontal: false,
      };
    }
    default:
      return categorical(table.columns.slice(0, 1));
  }
}
