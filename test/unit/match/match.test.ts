import { describe, expect, it } from 'vitest';
import { listingKeys, type ListingKeys } from '../../../lib/match/keys';
import { matchCompany, rankCandidates, summarizeMatch, type Candidate } from '../../../lib/match/match';
import { nameKey } from '../../../lib/match/name';
import { Company, type Company as CompanyT } from '../../../lib/model/company';
import { ListingData, type ListingInput } from '../../../lib/model/listing';
import { describeReal, readRealJson, type ZoonItem } from './fixtures';

let seq = 0;
function company(over: Partial<CompanyT> & { name: string }): CompanyT {
  seq++;
  return Company.parse({
    id: over.id ?? `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    nameKey: nameKey(over.name),
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...over,
  });
}

function keysOf(input: ListingInput, country: 'RU' | 'US' | 'CY' = 'RU'): ListingKeys {
  return listingKeys(ListingData.parse(input), country);
}

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

// The listing: 2GIS's "Кампус" firm card.
const kampusListing = keysOf({
  directory: '2gis',
  name: 'Кампус, кафе-бар',
  phones: ['+7 (495) 708‒31‒12'],
  website: 'http://campus2020.ru',
  address: 'Москва, Смоленский бульвар, 3-5 ст А',
  siteId: '70000001036132609',
});

describe('rankCandidates: exact keys', () => {
  it('phone: any shared E.164, whatever the formatting on either side', () => {
    const c = company({ id: ID(1), name: 'Другое название', phones: ['+79161234567', '+74957083112'] });
    expect(rankCandidates(kampusListing, [c])).toEqual<Candidate[]>([
      { companyId: ID(1), confidence: 'exact', via: ['phone'], differences: ['address', 'website', 'name'] },
    ]);
  });

  it('domain', () => {
    const c = company({ id: ID(2), name: 'Кампус', domain: 'campus2020.ru', address: 'г. Москва, Смоленский б-р, д. 3-5, стр. А' });
    expect(rankCandidates(kampusListing, [c])).toEqual<Candidate[]>([
      { companyId: ID(2), confidence: 'exact', via: ['domain', 'name+address'], differences: ['phone'] },
    ]);
  });

  it('site key: the same listing id on the same directory', () => {
    const c = company({ id: ID(3), name: 'Совсем другое', siteKeys: ['2gis:70000001036132609'] });
    const [cand] = rankCandidates(kampusListing, [c]);
    expect(cand).toMatchObject({ confidence: 'exact', via: ['site'] });
    // the same id on another directory is not the same listing
    const other = company({ id: ID(4), name: 'Совсем другое', siteKeys: ['zoon:70000001036132609'] });
    expect(rankCandidates(kampusListing, [other])).toEqual([]);
  });

  it('INN and OGRN', () => {
    const listing = keysOf({ directory: 'rusprofile', name: 'ПАО Сбербанк', inn: '7707083893', ogrn: '1027700132195' });
    const c = company({ id: ID(5), name: 'Сбер', inn: '7707083893', ogrn: '1027700132195' });
    expect(rankCandidates(listing, [c])[0]).toMatchObject({ confidence: 'exact', via: ['inn', 'ogrn'], differences: ['name'] });
  });

  it('an INN conflict excludes the company even when the phone matches', () => {
    const listing = keysOf({ directory: 'rusprofile', name: 'Кампус', inn: '7707083893', phones: ['+7 495 708-31-12'] });
    const c = company({ id: ID(6), name: 'Кампус', inn: '500100732259', phones: ['+74957083112'] });
    expect(rankCandidates(listing, [c])).toEqual([]);
    // INN on one side only is no conflict
    const noInn = company({ id: ID(7), name: 'Кампус', phones: ['+74957083112'] });
    expect(rankCandidates(listing, [noInn])[0]).toMatchObject({ companyId: ID(7), confidence: 'exact' });
  });

  it('an OGRN conflict excludes the company too', () => {
    const listing = keysOf({ directory: 'rusprofile', name: 'Кампус', ogrn: '1027700132195', phones: ['+74957083112'] });
    const c = company({ id: ID(8), name: 'Кампус', ogrn: '304500116000157', phones: ['+74957083112'] });
    expect(rankCandidates(listing, [c])).toEqual([]);
  });

  it('two different extensions of one switchboard are not a shared phone', () => {
    const listing = keysOf({ directory: 'generic', name: 'Офис 1', phones: ['+7 495 708-31-12 доб. 101'] });
    const other = company({ id: ID(9), name: 'Офис 2', phones: ['+74957083112;ext=102'] });
    expect(rankCandidates(listing, [other])).toEqual([]);
    const same = company({ id: ID(10), name: 'Офис 3', phones: ['+74957083112;ext=101'] });
    const main = company({ id: ID(11), name: 'Офис 4', phones: ['+74957083112'] });
    expect(rankCandidates(listing, [same, main]).map((c) => c.companyId).sort()).toEqual([ID(10), ID(11)]);
  });
});

describe('rankCandidates: likely by name', () => {
  it('name + address', () => {
    const c = company({ id: ID(20), name: 'ООО «Кампус»', address: 'г. Москва, Смоленский б-р, д. 3-5, стр. А' });
    expect(rankCandidates(kampusListing, [c])).toEqual<Candidate[]>([
      { companyId: ID(20), confidence: 'likely', via: ['name+address'], differences: ['phone', 'website'] },
    ]);
  });

  it('name + city (another address in the same city: a branch, or a move)', () => {
    const c = company({ id: ID(21), name: 'Кампус', city: 'Москва', address: 'Москва, Тверская, 18' });
    expect(rankCandidates(kampusListing, [c])[0]).toMatchObject({
      confidence: 'likely',
      via: ['name+city'],
      differences: ['phone', 'address', 'website'],
    });
  });

  it("a chain's other branch on the same directory (its own id, another address) is no match by name", () => {
    const branch = keysOf({ directory: 'yandex', name: 'Wildberries', address: 'ул. Ермака, 43, Иваново', city: 'Иваново', siteId: '176607707617' });
    const other = company({ id: ID(25), name: 'Wildberries', city: 'Иваново', address: 'ул. Ермака, 12, Иваново', siteKeys: ['yandex:99709290222'] });
    expect(rankCandidates(branch, [other])).toEqual([]);
    // Logged elsewhere (2GIS), the same name in the same city stays a likely match…
    const elsewhere = company({ id: ID(26), name: 'Wildberries', city: 'Иваново', address: 'ул. Ермака, 12, Иваново', siteKeys: ['2gis:1'] });
    expect(rankCandidates(branch, [elsewhere])[0]).toMatchObject({ confidence: 'likely', via: ['name+city'] });
    // …and a second id at the very same address (a directory's duplicate) too.
    const duplicate = company({ id: ID(27), name: 'Wildberries', city: 'Иваново', address: 'ул. Ермака, 43, Иваново', siteKeys: ['yandex:99709290222'] });
    expect(rankCandidates(branch, [duplicate])[0]).toMatchObject({ confidence: 'likely', via: ['name+address'] });
  });

  it('name with a different city is no match', () => {
    const c = company({ id: ID(22), name: 'Кампус', city: 'Первомайск', address: 'Первомайск, Ленина, 1' });
    expect(rankCandidates(kampusListing, [c])).toEqual([]);
  });

  it('name only, with nothing to compare on one side, is likely', () => {
    const bare = company({ id: ID(23), name: 'Кампус' });
    expect(rankCandidates(kampusListing, [bare])[0]).toMatchObject({ confidence: 'likely', via: ['name'] });
    const listing = keysOf({ directory: 'generic', name: 'Кампус' });
    const withCity = company({ id: ID(24), name: 'Кампус', city: 'Москва' });
    expect(rankCandidates(listing, [withCity])[0]).toMatchObject({ confidence: 'likely', via: ['name'], differences: [] });
  });

  it('different names never match by name', () => {
    const c = company({ id: ID(25), name: 'Кампус Плюс', address: 'Москва, Смоленский бульвар, 3-5 ст А' });
    expect(rankCandidates(kampusListing, [c])).toEqual([]);
  });

  it('an empty name key never matches', () => {
    const listing: ListingKeys = { phones: [], nameKey: '' };
    const c = company({ id: ID(26), name: 'x', nameKey: '' });
    expect(rankCandidates(listing, [c])).toEqual([]);
  });
});

describe('rankCandidates: order and several', () => {
  it('exact before likely, more keys first, then newer', () => {
    const byName = company({ id: ID(30), name: 'Кампус', address: 'Москва, Смоленский бульвар, 3-5 ст А', updatedAt: '2025-01-01T00:00:00.000Z' });
    const byPhone = company({ id: ID(31), name: 'Другое', phones: ['+74957083112'], updatedAt: '2023-01-01T00:00:00.000Z' });
    const byPhoneAndDomainOld = company({ id: ID(32), name: 'Другое', phones: ['+74957083112'], domain: 'campus2020.ru', updatedAt: '2022-01-01T00:00:00.000Z' });
    const byPhoneNewer = company({ id: ID(33), name: 'Третье', phones: ['+74957083112'], updatedAt: '2024-06-01T00:00:00.000Z' });
    const unrelated = company({ id: ID(34), name: 'Никак', phones: ['+79161234567'] });
    const ranked = rankCandidates(kampusListing, [byName, byPhone, unrelated, byPhoneAndDomainOld, byPhoneNewer]);
    expect(ranked.map((c) => c.companyId)).toEqual([ID(32), ID(33), ID(31), ID(30)]);
    expect(ranked.map((c) => c.confidence)).toEqual(['exact', 'exact', 'exact', 'likely']);
    expect(summarizeMatch(ranked)).toBe('several');
  });

  it('a company given twice counts once', () => {
    const c = company({ id: ID(35), name: 'Другое', phones: ['+74957083112'] });
    const ranked = rankCandidates(kampusListing, [c, c]);
    expect(ranked).toHaveLength(1);
    expect(summarizeMatch(ranked)).toBe('exact');
  });

  it('rankCandidates does not mutate its input', () => {
    const a = company({ id: ID(36), name: 'Кампус' });
    const b = company({ id: ID(37), name: 'Другое', phones: ['+74957083112'] });
    const list = [a, b];
    rankCandidates(kampusListing, list);
    expect(list.map((c) => c.id)).toEqual([ID(36), ID(37)]);
  });
});

describe('summarizeMatch', () => {
  const cand = (id: number, confidence: 'exact' | 'likely'): Candidate => ({
    companyId: ID(id),
    confidence,
    via: confidence === 'exact' ? ['phone'] : ['name'],
    differences: [],
  });
  it('none, exact, likely, several', () => {
    expect(summarizeMatch([])).toBe('none');
    expect(summarizeMatch([cand(1, 'exact')])).toBe('exact');
    expect(summarizeMatch([cand(1, 'likely')])).toBe('likely');
    expect(summarizeMatch([cand(1, 'exact'), cand(2, 'likely'), cand(3, 'likely')])).toBe('exact');
    expect(summarizeMatch([cand(1, 'likely'), cand(2, 'likely')])).toBe('several');
    expect(summarizeMatch([cand(1, 'exact'), cand(2, 'exact')])).toBe('several');
    // unsorted input
    expect(summarizeMatch([cand(2, 'likely'), cand(1, 'exact')])).toBe('exact');
  });
});

describe('differences', () => {
  it('lists a new phone, a different address, a new website, a different name', () => {
    const c = company({
      id: ID(40),
      name: 'Кампус-Первомайск',
      domain: 'kampus-cafe.ru',
      phones: ['+74957083113'],
      siteKeys: ['2gis:70000001036132609'],
      address: 'Первомайск, Ленина, 1',
    });
    expect(matchCompany(kampusListing, c)).toEqual<Candidate>({
      companyId: ID(40),
      confidence: 'exact',
      via: ['site'],
      differences: ['phone', 'address', 'website', 'name'],
    });
  });
  it('is empty when the base already knows everything the listing shows', () => {
    const c = company({
      id: ID(41),
      name: 'ООО «Кампус»',
      domain: 'campus2020.ru',
      phones: ['+74957083112', '+79161234567'],
      address: 'г. Москва, Смоленский б-р, д. 3-5, стр. А',
    });
    expect(matchCompany(kampusListing, c)).toMatchObject({ differences: [], via: ['phone', 'domain', 'name+address'] });
  });
});

describeReal('matching real zoon listings against each other', () => {
  const items = () => readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
  const asCompany = (i: ZoonItem, n: number) => {
    const k = keysOf({ directory: 'zoon', name: i.item_name, phones: i.item_phone_list ?? [], address: i.item_address, website: i.item_site ?? undefined });
    return company({
      id: ID(1000 + n),
      name: i.item_name,
      phones: k.phoneEntries ?? [],
      domain: k.domain,
      address: i.item_address,
    });
  };

  it('every listing matches its own stored company exactly', () => {
    const list = items();
    const companies = list.map(asCompany);
    list.forEach((i, n) => {
      const keys = keysOf({ directory: 'zoon', name: i.item_name, phones: i.item_phone_list ?? [], address: i.item_address, website: i.item_site ?? undefined });
      const ranked = rankCandidates(keys, companies);
      const own = ranked.find((c) => c.companyId === ID(1000 + n));
      expect(own, i.item_name).toBeDefined();
      expect(own!.differences).toEqual([]);
      if (keys.phones.length || keys.domain) expect(own!.confidence).toBe('exact');
    });
  });

  it('branches of one network sharing a switchboard number show as several', () => {
    const list = items();
    const companies = list.map(asCompany);
    const erudit = list.filter((i) => i.item_name === 'Детский развивающий центр Эрудит');
    expect(erudit.length).toBeGreaterThan(2);
    const keys = keysOf({ directory: 'zoon', name: erudit[0]!.item_name, phones: erudit[0]!.item_phone_list ?? [], address: erudit[0]!.item_address, website: erudit[0]!.item_site ?? undefined });
    const ranked = rankCandidates(keys, companies);
    expect(summarizeMatch(ranked)).toBe('several');
    // its own branch comes first: it shares more keys (phone, domain and name+address)
    expect(ranked[0]!.via).toEqual(['phone', 'domain', 'name+address']);
  });

  it('two different kindergartens sharing one phone match exactly but show the name difference', () => {
    const list = items();
    const smart = list.find((i) => i.item_name === 'Детский центр Smart Family')!;
    const mandarin = list.find((i) => i.item_name === 'Детский сад Мандарин')!;
    expect(smart.item_phone_list).toEqual(mandarin.item_phone_list);
    const keys = keysOf({ directory: 'zoon', name: smart.item_name, phones: smart.item_phone_list ?? [], address: smart.item_address });
    const [cand] = rankCandidates(keys, [asCompany(mandarin, 0)]);
    expect(cand).toMatchObject({ confidence: 'exact', via: ['phone'] });
    expect(cand!.differences).toContain('name');
  });
});
