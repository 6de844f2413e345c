/** What every report is: a table of rows (data-key) with number cells (data-col), computed from totals. */
import type { Family } from './contribution';

export interface ReportQuery {
  from?: string;
  to?: string;
  /** One manager's figures only. */
  manager?: string;
}

export interface ReportRow {
  key: string;
  /** What the row shows; absent: the key itself. */
  label?: string;
  cells: Record<string, number>;
}

export interface ReportTable {
  id: string;
  columns: string[];
  rows: ReportRow[];
}

/** The families' counters summed over the query's range: what a report is computed from. */
export type Sums = Partial<Record<Family, Map<string, number>>>;

export interface ReportContext {
  /** Renamed reasons: old text → new (settings). */
  reasonAliases: Readonly<Record<string, string>>;
}

export interface ReportDefinition {
  id: string;
  families: Family[];
  compute(sums: Sums, q: ReportQuery, ctx: ReportContext): ReportTable;
}

/** Counters of a family as split fields, limited to one manager when asked (`managerAt`: the field holding it). */
export function* counters(sums: Sums, family: Family, q: ReportQuery, managerAt: number): Generator<[string[], number]> {
  for (const [key, n] of sums[family] ?? []) {
    const fields = key.split('\t');
    if (q.manager !== undefined && fields[managerAt] !== q.manager) continue;
    yield [fields, n];
  }
}

export const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);
