/**
 * Sending the base out: CSV in our simple format (the one the import reads),
 * Bitrix24's company import CSV, amoCRM's import XLSX. Pure: rows in, file
 * contents out; the worker reads the base and saves the file.
 */
import { formatPhone, splitPhoneEntry } from '../match/phone';
import type { Call, Company, Status } from '../model';
import { csvLine, safeCell, BOM, type Delimiter } from './csv-write';

/** What the export shows of a company's last call (its manager and note are on the call). */
export type LastCalls = ReadonlyMap<string, Pick<Call, 'at' | 'manager' | 'note' | 'reason' | 'outcome'>>;

/** The rows of "the view filtered in the base table": the base table passes its filter. */
export interface CompanyFilter {
  ids?: readonly string[];
  statuses?: readonly Status[];
  industries?: readonly string[];
  /** Source directories (`2gis`, `import`…). */
  sources?: readonly string[];
  /** Name, phone digits, INN or domain contain this. */
  text?: string;
}

export function matchesFilter(c: Company, f: CompanyFilter | undefined, ids?: ReadonlySet<string>): boolean {
  if (!f) return true;
  if (ids && !ids.has(c.id)) return false;
  if (f.statuses?.length && !f.statuses.includes(c.status)) return false;
  if (f.industries?.length && !f.industries.includes(c.industry ?? '')) return false;
  if (f.sources?.length && !c.sources.some((s) => f.sources!.includes(s.directory))) return false;
  const q = f.text?.trim().toLowerCase();
  if (q) {
    const digits = q.replace(/\D/g, '');
    const hay = [c.name, c.inn ?? '', c.domain ?? '', c.address ?? ''].join(' ').toLowerCase();
    if (!hay.includes(q) && !(digits.length >= 5 && c.phones.some((p) => p.replace(/\D/g, '').includes(digits)))) return false;
  }
  return true;
}

export type StatusLabel = (status: Status) => string;

const dateOnly = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
};
const dateTime = (iso: string | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const phonesOf = (c: Company) => c.phones.map((p) => formatPhone(p));

/** The simple format's header, then what else a company holds. The import reads all of it back. */
export const CSV_HEADER = ['name', 'phones', 'inn', 'website', 'address', 'city', 'industry', 'status', 'reason', 'note', 'last_call', 'manager', 'contact', 'role', 'email', 'ogrn', 'sources'];

export function csvRow(c: Company, last: LastCalls): string[] {
  const call = last.get(c.id);
  const dm = c.decisionMakers[0];
  return [
    c.name,
    phonesOf(c).join('; '),
    c.inn ?? '',
    c.domain ?? '',
    c.address ?? '',
    c.city ?? '',
    c.industry ?? '',
    c.status === 'new' ? '' : c.status,
    c.statusReason ?? '',
    c.note,
    dateTime(c.lastCallAt),
    call?.manager ?? '',
    dm?.name ?? '',
    dm?.role ?? '',
    dm?.email ?? '',
    c.ogrn ?? '',
    [...new Set(c.sources.map((s) => (s.file ? `${s.directory}:${s.file}` : s.directory)))].join(', '),
  ];
}

export const csvHead = (delimiter: Delimiter) => BOM + csvLine(CSV_HEADER, delimiter) + '\r\n';
export const csvBody = (rows: readonly Company[], last: LastCalls, delimiter: Delimiter) =>
  rows.map((c) => csvLine(csvRow(c, last), delimiter) + '\r\n').join('');

// ---- Bitrix24 ------------------------------------------------------------------

/** The headers of Bitrix24's own sample company import file. */
export const BITRIX_HEADER = ['Название компании', 'Тип компании', 'Рабочий телефон', 'Мобильный телефон', 'Корпоративный сайт', 'Рабочий e-mail', 'Фактический адрес', 'Сфера деятельности', 'Комментарий'];

const isMobile = (entry: string) => /^\+79\d{9}$/.test(splitPhoneEntry(entry).e164);

/** Commentary a CRM user reads: status, last call, reason, note. */
export function comment(c: Company, label: StatusLabel, words: { status: string; lastCall: string; reason: string }): string {
  return [
    `${words.status}: ${label(c.status)}`,
    c.lastCallAt ? `${words.lastCall}: ${dateOnly(c.lastCallAt)}` : '',
    c.statusReason ? `${words.reason}: ${c.statusReason}` : '',
    c.note,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Bitrix24 import: one work phone, one mobile, and further work phones in repeated columns after the standard ones. */
export function bitrixLayout(companies: readonly Company[]): { extraPhoneColumns: number } {
  let extra = 0;
  for (const c of companies) {
    const mobile = c.phones.find(isMobile);
    const work = c.phones.filter((p) => p !== mobile);
    extra = Math.max(extra, work.length - 1);
  }
  return { extraPhoneColumns: Math.min(extra, 20) };
}

export const bitrixHead = (extraPhoneColumns: number) =>
  BOM + csvLine([...BITRIX_HEADER, ...Array.from({ length: extraPhoneColumns }, () => 'Рабочий телефон')], ';', true) + '\r\n';

export function bitrixRow(c: Company, extraPhoneColumns: number, label: StatusLabel, words: Parameters<typeof comment>[2]): string[] {
  const mobile = c.phones.find(isMobile);
  const work = c.phones.filter((p) => p !== mobile).map(formatPhone);
  const email = c.decisionMakers.find((d) => d.email)?.email ?? '';
  const address = c.address && c.city && !c.address.includes(c.city) ? `${c.city}, ${c.address}` : (c.address ?? c.city ?? '');
  const row = [
    c.name,
    c.status === 'client' ? 'Клиент' : 'Другое',
    work[0] ?? '',
    mobile ? formatPhone(mobile) : '',
    c.domain ? `https://${c.domain}` : '',
    email,
    address,
    c.industry ?? '',
    comment(c, label, words),
  ];
  for (let i = 0; i < extraPhoneColumns; i++) row.push(work[i + 1] ?? '');
  return row;
}

export const bitrixBody = (rows: readonly Company[], extra: number, label: StatusLabel, words: Parameters<typeof comment>[2]) =>
  rows.map((c) => csvLine(bitrixRow(c, extra, label, words), ';', true) + '\r\n').join('');

// ---- amoCRM --------------------------------------------------------------------

/** The columns of amoCRM's import example that apply to companies and contacts. */
export const AMO_HEADER = ['Название компании', 'Полное имя контакта', 'Телефон', 'Email', 'Тег', 'Примечание', 'Ответственный'];

export function amoRow(c: Company, last: LastCalls, label: StatusLabel, words: Parameters<typeof comment>[2]): string[] {
  const dm = c.decisionMakers[0];
  return [
    c.name,
    dm?.name ?? '',
    phonesOf(c).join(', '),
    c.decisionMakers.find((d) => d.email)?.email ?? '',
    [label(c.status), c.industry].filter(Boolean).join(', '),
    comment(c, label, words),
    last.get(c.id)?.manager ?? '',
  ].map(safeCell);
}
