/**
 * A file as a table of text cells: CSV (papaparse, delimiter guessed among
 * `,` `;` and tab, quoted line breaks kept) after decoding, or the first sheet
 * of an XLSX file (read-excel-file's web-worker entry, which starts no `blob:`
 * workers). Runs in the import worker, so the page never waits on it.
 */
import Papa from 'papaparse';
import { decodeText, type TextEncodingName } from './decode';

export interface Table {
  headers: string[];
  rows: string[][];
  /** The spreadsheet row number of rows[0] (the header's row + 1). */
  firstRow: number;
  encoding?: TextEncodingName;
  delimiter?: string;
}

export class FileFormatError extends Error {
  constructor(readonly code: 'empty' | 'unreadable' | 'noHeader') {
    super(code);
  }
}

const MAX_COLUMNS = 200;

const isBlankRow = (row: readonly string[]) => row.every((c) => !c.trim());

/** Header row: the first row with anything in it; rows after it are data. */
export function tableFrom(rows: string[][], extra: Omit<Table, 'headers' | 'rows' | 'firstRow'> = {}): Table {
  const headerAt = rows.findIndex((r) => !isBlankRow(r));
  if (headerAt < 0) throw new FileFormatError('empty');
  const headers = rows[headerAt]!.slice(0, MAX_COLUMNS).map((h) => h.trim());
  const data: string[][] = [];
  let firstRow = headerAt + 2;
  for (let i = headerAt + 1; i < rows.length; i++) {
    // Row numbers stay the spreadsheet's even where blank rows are dropped: keep them, drop only the trailing ones.
    data.push(rows[i]!);
  }
  while (data.length && isBlankRow(data[data.length - 1]!)) data.pop();
  if (headers.every((h) => !h)) throw new FileFormatError('noHeader');
  if (firstRow < 2) firstRow = 2;
  return { headers, rows: data, firstRow, ...extra };
}

export function parseCsvText(text: string): { rows: string[][]; delimiter: string } {
  const result = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
  });
  // A single-column file gives papaparse nothing to guess from: `,` is its default.
  return { rows: result.data.filter((r) => !(r.length === 1 && r[0] === '')), delimiter: result.meta.delimiter };
}

export function csvTable(bytes: Uint8Array): Table {
  const { text, encoding } = decodeText(bytes);
  if (!text.trim()) throw new FileFormatError('empty');
  const { rows, delimiter } = parseCsvText(text);
  return tableFrom(rows, { encoding, delimiter });
}

/** An XLSX cell as text: dates as ISO (the date reader takes them), numbers without exponent. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Excel keeps times as fractions of a day: round off the float error to the second.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value);
}

export function sheetTable(sheet: ReadonlyArray<ReadonlyArray<unknown>>): Table {
  return tableFrom(sheet.map((row) => row.map(cellText)));
}

export const isXlsx = (name: string, bytes: Uint8Array) =>
  /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

/** Reads either kind; `readSheet` is the XLSX reader (read-excel-file's, injected so tests can use its Node entry). */
export async function readTable(
  name: string,
  bytes: Uint8Array,
  readSheet: (data: ArrayBuffer) => Promise<ReadonlyArray<ReadonlyArray<unknown>>>,
): Promise<Table> {
  if (bytes.length === 0) throw new FileFormatError('empty');
  if (isXlsx(name, bytes)) {
    let sheet;
    try {
      sheet = await readSheet(bytes.slice().buffer);
    } catch {
      throw new FileFormatError('unreadable');
    }
    return sheetTable(sheet);
  }
  return csvTable(bytes);
}
