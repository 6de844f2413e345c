// The benchmark's import file: a base as a manager's old spreadsheet holds it,
// in the simple format (docs/import-example.csv), made the same way in Node
// and in the browser. Every row is its own company (its own phone and name);
// half carry a call (a status, a date, a manager), some an INN, a website, a
// second phone, a note.

const PREFIXES = ['ООО', 'ИП', 'АО', '', 'ООО', ''];
const WORDS = ['Ромашка', 'Вектор', 'Альфа', 'Северный ветер', 'Кофейня Зёрна', 'Стройдом', 'Медцентр', 'Автомир', 'Пекарня', 'ТехноСервис', 'Лотос', 'Меридиан'];
const CITIES = ['Москва', 'Санкт-Петербург', 'Казань', 'Екатеринбург', 'Новосибирск', 'Нижний Новгород'];
const STREETS = ['ул. Ленина', 'Невский пр.', 'ул. Баумана', 'пр. Мира', 'ул. Гагарина', 'Тверская ул.'];
const INDUSTRIES = ['Общепит', 'Розничная торговля', 'Строительство', 'Медицина', 'Авто', 'IT', ''];
const STATUSES = ['refused', 'client', 'not_user', 'no_answer', 'interested', 'closed'];
const REASONS = ['дорого', 'уже есть поставщик', 'нет бюджета'];
const MANAGERS = ['Анна', 'Борис', 'Вера', 'Григорий', 'Дарья'];

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid 10-digit INN (legal entity) from a number. */
function innOf(i: number): string {
  const digits = pad(770_000_000 + i, 9).slice(-9).split('').map(Number);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((s, d, k) => s + d * weights[k]!, 0) % 11) % 10;
  return digits.join('') + check;
}

const phoneOf = (i: number) => {
  const n = pad(i, 7);
  return `+7 (495) ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5, 7)}`;
};

const quote = (s: string) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function bulkRow(i: number): string {
  const prefix = PREFIXES[i % PREFIXES.length]!;
  const name = `${prefix ? `${prefix} ` : ''}«${WORDS[i % WORDS.length]} ${i}»`;
  const phones = i % 5 === 0 ? `${phoneOf(i)};${phoneOf(5_000_000 + i)}` : phoneOf(i);
  const inn = i % 3 === 0 ? innOf(i) : '';
  const website = i % 5 < 2 ? `firma${i}.ru` : '';
  const city = CITIES[i % CITIES.length]!;
  const address = `${STREETS[i % STREETS.length]}, ${(i % 200) + 1}`;
  const industry = INDUSTRIES[i % INDUSTRIES.length]!;
  const called = i % 2 === 1;
  const status = called ? STATUSES[(i >> 1) % STATUSES.length]! : '';
  const reason = status === 'refused' ? REASONS[i % REASONS.length]! : '';
  const note = i % 10 === 3 ? 'звонить после обеда, спросить директора' : '';
  const lastCall = called ? `2024-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)} ${pad(9 + (i % 9), 2)}:${pad(i % 60, 2)}` : '';
  const manager = called ? MANAGERS[i % MANAGERS.length]! : '';
  return [name, phones, inn, website, address, city, industry, status, reason, note, lastCall, manager].map(quote).join(',');
}

export const BULK_HEADER = 'name,phones,inn,website,address,city,industry,status,reason,note,last_call,manager';

export function bulkCsv(rows: number): string {
  const lines = [BULK_HEADER];
  for (let i = 0; i < rows; i++) lines.push(bulkRow(i));
  return lines.join('\n') + '\n';
}
