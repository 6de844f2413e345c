import { splitPhoneEntry } from '../match/phone';
import type { Company } from '../model';

/**
 * Index fields derived from a company's own data. Every write of a company goes
 * through this, so an index never disagrees with the data it is built from.
 */
export function withDerivedKeys<C extends Pick<Company, 'phones'>>(company: C): C & { phoneKeys: string[] } {
  return { ...company, phoneKeys: [...new Set(company.phones.map((p) => splitPhoneEntry(p).e164))] };
}
