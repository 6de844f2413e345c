import { splitPhoneEntry } from '../match/phone';
import { nameKey } from '../match/name';
import { sourceKey, STATUSES, type Company } from '../model';

type Derivable = Pick<Company, 'phones'> & Partial<Company>;

/** The most words a company is found by (name words, phone and INN digits, domain). */
const MAX_WORDS = 40;

/**
 * The words the base table's search finds a company by, each matched as a
 * prefix (lib/store/base-query.ts): the words of its name as matching
 * normalises it (legal forms dropped, case and ё folded; a directory's
 * descriptor after a comma included), each phone's digits in full, without
 * the country code and its last seven, the INN and OGRN, and the domain with
 * its first label.
 */
export function searchWords(company: Pick<Company, 'phones'> & Partial<Pick<Company, 'name' | 'inn' | 'ogrn' | 'domain'>>): string[] {
  const words = new Set<string>();
  const name = company.name ?? '';
  for (const w of nameKey(name).split(' ')) if (w) words.add(w);
  for (const w of nameKey(name.replace(/,/g, ' ')).split(' ')) if (w) words.add(w);
  for (const entry of company.phones) {
    const digits = splitPhoneEntry(entry).e164.replace(/\D/g, '');
    if (digits.length < 7) continue;
    words.add(digits);
    if (digits.length > 10) words.add(digits.slice(-10));
    words.add(digits.slice(-7));
  }
  if (company.inn) words.add(company.inn);
  if (company.ogrn) words.add(company.ogrn);
  if (company.domain) {
    words.add(company.domain);
    words.add(company.domain.split('.')[0]!);
  }
  return [...words].slice(0, MAX_WORDS);
}

/** A status's place in the list of statuses, as a sortable key ("00" new … "09" do not call). */
export const statusRank = (status: Company['status'] | undefined): string =>
  String(Math.max(0, STATUSES.indexOf(status ?? 'new'))).padStart(2, '0');

/**
 * Index fields derived from a company's own data. Every write of a company goes
 * through this, so an index never disagrees with the data it is built from.
 * `idx` holds the base table's sort, filter and search keys: always present
 * (empty strings rather than missing), so an index-ordered scan sees every company.
 */
export function withDerivedKeys<C extends Derivable>(company: C): C & { phoneKeys: string[] } {
  const phoneKeys = [...new Set(company.phones.map((p) => splitPhoneEntry(p).e164))];
  const sources = company.sources ?? [];
  const dms = company.decisionMakers ?? [];
  const idx = {
    name: company.nameKey ?? '',
    city: (company.city ?? '').toLocaleLowerCase(),
    industry: company.industry ?? '',
    manager: company.lastManager ?? '',
    lastCall: company.lastCallAt ?? '',
    source: sourceKey(sources[0]),
    sources: [...new Set(sources.length ? sources.map(sourceKey) : ['manual'])],
    freshAt: company.confirmedAt ?? company.createdAt ?? '',
    /** 2: a decision maker with a phone or e-mail; 1: only named ones; 0: none. */
    dm: dms.some((d) => d.phone || d.email) ? 2 : dms.length > 0 ? 1 : 0,
    status: statusRank(company.status),
    statusAt: company.statusAt ?? '',
    phone: phoneKeys[0] ?? '',
    words: searchWords(company),
  };
  return { ...company, phoneKeys, idx };
}
