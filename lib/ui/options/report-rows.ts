/**
 * A report table's body rows, written with the DOM's own calls rather than
 * through Preact: the eleven tables are some 2,000 elements (a year of weeks
 * is 53 rows of 12 cells), which Preact's first diff took 16-80 ms to create
 * on a freshly opened page, as long as reading and computing every report.
 * Text goes in as text (never parsed as HTML): labels are the base's own
 * words (industries, reasons, file names).
 */
import type { ReportRow, ReportTable } from '../../reports/types';
import { cellText, rowLabel } from './report-labels';

/** One row: `<tr data-key data-…><th scope=row>label</th><td data-col>n</td>…</tr>`. */
function rowElement(doc: Document, table: ReportTable, row: ReportRow, staleAfterDays: number): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  tr.dataset.key = row.key;
  for (const [name, value] of Object.entries(row.attrs ?? {})) tr.setAttribute(`data-${name}`, value);
  const th = doc.createElement('th');
  th.scope = 'row';
  th.textContent = rowLabel(table, row, staleAfterDays);
  tr.append(th);
  for (const column of table.columns) {
    const td = doc.createElement('td');
    td.dataset.col = column;
    td.textContent = cellText(row.cells[column] ?? 0);
    tr.append(td);
  }
  return tr;
}

/** Fills a table's `<tbody>` with its rows, or with the "nothing in this range" line. */
export function writeReportRows(body: HTMLTableSectionElement, table: ReportTable, staleAfterDays: number, emptyText: string): void {
  const doc = body.ownerDocument;
  const rows = doc.createDocumentFragment();
  if (table.rows.length === 0) {
    const tr = doc.createElement('tr');
    tr.className = 'report__empty';
    const td = doc.createElement('td');
    td.colSpan = table.columns.length + 1;
    td.className = 'muted';
    td.textContent = emptyText;
    tr.append(td);
    rows.append(tr);
  }
  for (const row of table.rows) rows.append(rowElement(doc, table, row, staleAfterDays));
  body.replaceChildren(rows);
}
