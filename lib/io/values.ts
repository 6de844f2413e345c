/**
 * Reading one cell of an imported file: dates (Excel serials and text), the
 * status (an outcome id, or its Russian or English label), several phones in
 * one cell.
 */
import ruMessages from '../../public/_locales/ru/messages.json';
import enMessages from '../../public/_locales/en/messages.json';
import { OUTCOMES, type Outcome } from '../model/outcome';

/** Excel's day 0 for the 1900 date system (it counts the non-existent 29.02.1900, hence the 30th). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Serials accepted as dates: 1982-10 … 2119-01; other numbers are not call dates. */
const SERIAL_MIN = 30_000;
const SERIAL_MAX = 80_000;

function localIso(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(y, mo - 1, d, h, mi, s);
  // 31.02 rolls over to March: not a date.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.toISOString();
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * A call date as the file gives it: an Excel serial (45352, 45352.6041), a
 * Date from an XLSX cell, `01.03.2024`, `01.03.2024 14:30`, `2024-03-01`,
 * `2024-03-01 14:30`, ISO with an offset. Dates without an offset are the
 * user's local time, as Excel shows them. Null when it is none of these.
 */
export function parseDate(raw: string | Date | number): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  const s = String(raw).trim();
  if (!s) return null;
  if (/^\d{5}(?:[.,]\d+)?$/.test(s)) {
    const serial = Number(s.replace(',', '.'));
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    // A serial is a wall-clock time with no zone: read it as local time.
    const wall = new Date(EXCEL_EPOCH_UTC + Math.round(serial * 86_400_000));
    return localIso(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
  }
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return localIso(fullYear(m[3]!), Number(m[2]), Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(s);
  if (m) return localIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

/** Labels folded for comparison: case, `ё`, punctuation. */
export function foldLabel(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

type Catalogue = Record<string, { message: string } | undefined>;

/** Words people write for statuses beyond the interface's own labels. */
const SYNONYMS: Record<string, Outcome | 'new'> = {
  'новая': 'new', 'новый': 'new', 'new': 'new', 'не звонили': 'new', 'prospect': 'new',
  'отказ': 'refused', 'отказались': 'refused', 'отказался': 'refused', 'refusal': 'refused', 'refused': 'refused',
  'клиент': 'client', 'согласие': 'client', 'сделка': 'client', 'client': 'client', 'customer': 'client', 'agreed': 'client',
  'закрыта': 'closed', 'закрыт': 'closed', 'закрылась': 'closed', 'закрыто': 'closed', 'ликвидирована': 'closed', 'closed': 'closed',
  'не пользуется': 'not_user', 'не пользуются': 'not_user', 'not a user': 'not_user', 'not user': 'not_user',
  'перезвонить': 'callback', 'перезвон': 'callback', 'call back': 'callback', 'callback': 'callback',
  'не дозвонились': 'no_answer', 'недозвон': 'no_answer', 'нет ответа': 'no_answer', 'не берут трубку': 'no_answer', 'no answer': 'no_answer',
  'интерес': 'interested', 'интересно': 'interested', 'заинтересован': 'interested', 'заинтересованы': 'interested', 'interested': 'interested',
  'неверный номер': 'wrong_number', 'ошибочный номер': 'wrong_number', 'wrong number': 'wrong_number',
  'не звонить': 'do_not_call', 'do not call': 'do_not_call', 'dnc': 'do_not_call',
};

const STATUS_WORDS: ReadonlyMap<string, Outcome | 'new'> = (() => {
  const map = new Map<string, Outcome | 'new'>(Object.entries(SYNONYMS));
  for (const outcome of OUTCOMES) {
    map.set(foldLabel(outcome), outcome);
    map.set(outcome, outcome);
    for (const catalogue of [ruMessages, enMessages] as Catalogue[]) {
      const label = catalogue[`outcome_${outcome}`]?.message;
      if (label) map.set(foldLabel(label), outcome);
    }
  }
  return map;
})();

/**
 * The outcome a status cell names; `new` for an empty cell or "new" (no call);
 * undefined when it names nothing known. "Клиент (согласие)" and "Отказ: дорого"
 * are read by the words before the bracket or colon too.
 */
export function parseStatus(raw: string): Outcome | 'new' | undefined {
  const s = raw.trim();
  if (!s) return 'new';
  const whole = STATUS_WORDS.get(foldLabel(s)) ?? STATUS_WORDS.get(s.toLowerCase());
  if (whole) return whole;
  const head = s.split(/[(:;—–-]/)[0]!;
  return head !== s ? STATUS_WORDS.get(foldLabel(head)) : undefined;
}

/** Several phones in one cell: separated by `;`, `,` or line breaks. */
export function splitPhones(raw: string): string[] {
  return raw
    .split(/[;,\n\r]+/)
    .map((p) => p.trim())
    .filter(Boolean);
}
