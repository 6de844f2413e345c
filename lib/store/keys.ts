import { splitPhoneEntry } from '../match/phone';
import { sourceKey, type Company } from '../model';

type Derivable = Pick<Company, 'phones'> & Partial<Company>;

/**
 * Index fields derived from a company's own data. Every write of a company goes
 * through this, so an index never disagrees with the data it is built from.
 * `idx` holds the base table's sort and filter keys: always present (empty
 * strings rather than missing), so an index-ordered scan sees every company.
 */
export function withDerivedKeys<C extends Derivable>(company: C): C & { phoneKeys: string[] } {
  const phoneKeys = [...new Set(company.phones.map((p) => splitPhoneEntry(p).e164))];
  const sources = company.sources ?? [];
  const idx = {
    name: company.nameKey ?? '',
    city: (company.city ?? '').toLocaleLowerCase(),
    industry: company.industry ?? '',
    manager: company.lastManager ?? '',
    lastCall: company.lastCallAt ?? '',
    source: sourceKey(sources[0]),
    sources: [...new Set(sources.length ? sources.map(sourceKey) : ['manual'])],
    freshAt: company.confirmedAt ?? company.createdAt ?? '',
    dm: (company.decisionMakers ?? []).some((d) => d.phone || d.email) ? 1 : 0,
  };
  return { ...company, phoneKeys, idx };
}
