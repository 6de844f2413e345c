import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../../lib/reports/types';
import { writeReportRows } from '../../../lib/ui/options/report-rows';

const body = () => {
  const dom = new JSDOM('<!doctype html><table><tbody></tbody></table>');
  return dom.window.document.querySelector('tbody')!;
};

const reasons: ReportTable = {
  id: 'refusal-reasons',
  columns: ['count', 'share'],
  rows: [
    { key: '<img src=x onerror=alert(1)>', cells: { count: 3, share: 75 } },
    { key: 'Дорого', cells: { count: 1 }, attrs: { retired: '' } },
  ],
};

describe('writeReportRows', () => {
  it('writes a row per report row, data-key and data-col as the test contract says, the figures as text', () => {
    const tbody = body();
    writeReportRows(tbody, reasons, 180, 'nothing');
    const rows = [...tbody.querySelectorAll('tr')];
    expect(rows.map((r) => r.dataset.key)).toEqual(['<img src=x onerror=alert(1)>', 'Дорого']);
    expect([...rows[0]!.querySelectorAll('td')].map((td) => [td.dataset.col, td.textContent])).toEqual([
      ['count', '3'],
      ['share', '75'],
    ]);
    // A missing figure is a 0, not an empty cell.
    expect(rows[1]!.querySelector('td[data-col=share]')!.textContent).toBe('0');
    expect(rows[1]!.hasAttribute('data-retired')).toBe(true);
    expect(rows[0]!.querySelector('th')!.getAttribute('scope')).toBe('row');
  });

  it("keeps a label from the base as text: a reason written as HTML makes no element", () => {
    const tbody = body();
    writeReportRows(tbody, reasons, 180, 'nothing');
    expect(tbody.querySelector('img')).toBeNull();
    expect(tbody.querySelector('th')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows the empty line across every column, and replaces what was there before', () => {
    const tbody = body();
    writeReportRows(tbody, reasons, 180, 'nothing');
    writeReportRows(tbody, { ...reasons, rows: [] }, 180, 'Nothing in this range');
    const rows = tbody.querySelectorAll('tr');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.className).toBe('report__empty');
    expect(rows[0]!.querySelector('td')!.colSpan).toBe(3);
    expect(rows[0]!.textContent).toBe('Nothing in this range');
  });
});
