/**
 * Which column of an imported file holds which field: recognised from the
 * headers (Russian, English, and the headers of Bitrix24's and amoCRM's own
 * exports), adjustable by hand, and remembered per set of headers.
 */
export const IMPORT_FIELDS = [
  'name',
  'phones',
  'inn',
  'website',
  'address',
  'city',
  'industry',
  'status',
  'reason',
  'note',
  'last_call',
  'contact',
  'role',
  'email',
  'manager',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields that may come from several columns (Bitrix24 repeats "Рабочий телефон"); the rest take the first non-empty one. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set(['phones', 'note', 'email']);

/** Column index → field (null: not imported). */
export type ColumnMapping = Array<ImportField | null>;

/** Headers as compared: case, `ё`, spacing, quotes, a required-mark `*` and a trailing colon folded away. */
export function foldHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'*:]/g, ' ')
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const HEADERS: Record<ImportField, readonly string[]> = {
  name: ['Название', 'Компания', 'Название компании', 'Организация', 'Наименование', 'name', 'company', 'company name'],
  phones: ['Телефон', 'Телефоны', 'Рабочий телефон', 'Мобильный телефон', 'Другой телефон', 'phone', 'phones', 'telephone'],
  inn: ['ИНН', 'inn'],
  website: ['Сайт', 'Корпоративный сайт', 'Web', 'website', 'site', 'url'],
  address: ['Адрес', 'Фактический адрес', 'address'],
  city: ['Город', 'city'],
  industry: ['Отрасль', 'Рубрика', 'Сфера деятельности', 'industry', 'category'],
  status: ['Статус', 'status'],
  reason: ['Причина отказа', 'Причина', 'reason'],
  note: ['Комментарий', 'Примечание', 'note', 'comment'],
  last_call: ['Дата звонка', 'Последний звонок', 'last call', 'last_call'],
  contact: ['ЛПР', 'Контакт', 'Полное имя контакта', 'Контактное лицо', 'contact'],
  role: ['Должность', 'role'],
  email: ['Email', 'E-mail', 'Рабочий e-mail', 'Почта', 'Эл. почта'],
  manager: ['Менеджер', 'Ответственный', 'manager'],
};

const BY_HEADER: ReadonlyMap<string, ImportField> = new Map(
  (Object.entries(HEADERS) as Array<[ImportField, readonly string[]]>).flatMap(([field, names]) =>
    names.map((n) => [foldHeader(n), field] as [string, ImportField]),
  ),
);

/** The field a header names, or null. */
export function fieldOfHeader(header: string): ImportField | null {
  return BY_HEADER.get(foldHeader(header)) ?? null;
}

/** The automatic mapping: each recognised header once, except the fields that take several columns. */
export function autoMapping(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  return headers.map((h) => {
    const field = fieldOfHeader(h);
    if (!field || (taken.has(field) && !MULTI_COLUMN_FIELDS.has(field))) return null;
    taken.add(field);
    return field;
  });
}

/** The key a mapping is remembered under: files with the same headers get it back. */
export function headerSetKey(headers: readonly string[]): string {
  return headers.map(foldHeader).join('\u001f');
}

/** A remembered mapping, checked against the file it is applied to. */
export function restoreMapping(headers: readonly string[], saved: unknown): ColumnMapping | null {
  if (!Array.isArray(saved) || saved.length !== headers.length) return null;
  const fields = new Set<string>(IMPORT_FIELDS);
  if (!saved.every((f) => f === null || (typeof f === 'string' && fields.has(f)))) return null;
  return saved as ColumnMapping;
}
