/**
 * Writing CSV that spreadsheets and CRMs read as meant: UTF-8 with a BOM (so
 * Excel does not guess Windows-1251), fields quoted where needed, and safe
 * against formula injection (OWASP): a cell that a spreadsheet would run as a
 * formula gets a leading `'`.
 */

/** A whole cell that is a phone number (or several) or a number: `+7 495 123-45-67` stays as it is. */
const PHONES_OR_NUMBER = /^[+-]?[\d\s().-]*\d[\d\s().-]*(?:[;,]\s*\+?[\d\s().-]*\d[\d\s().-]*)*$/;

/** A cell a spreadsheet would not evaluate. Phones and numbers starting with `+`/`-` hold no function: left alone. */
export function safeCell(value: string): string {
  if (!value) return value;
  const first = value[0]!;
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${value}`;
  if ((first === '+' || first === '-') && !PHONES_OR_NUMBER.test(value)) return `'${value}`;
  return value;
}

export type Delimiter = ';' | ',';

export function csvField(value: string, delimiter: string, alwaysQuote = false): string {
  const v = safeCell(value);
  if (alwaysQuote || v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim()) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function csvLine(cells: readonly string[], delimiter: string, alwaysQuote = false): string {
  return cells.map((c) => csvField(c, delimiter, alwaysQuote)).join(delimiter);
}

export const BOM = '\ufeff';
