/**
 * Yandex Maps and Yandex web search name an organisation by the same id (the
 * permalink): a company logged from one is recognised on the other, by that
 * id alone (the Maps list shows no phone, and a name in the same city only
 * makes a "likely" match).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListingData } from '../../../lib/model/listing';
import { adapterFor, scanDocument } from '../../../lib/sites';
import { logCall } from '../../../lib/store/calls';
import { lookupListings } from '../../../lib/store/companies';
import { freshDb } from '../store/helpers';
import { parsePage } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/sites/yandex');
const opts = { defaultCountry: 'RU' as const, staleAfterDays: 180 };

function listingsOf(file: string): ListingData[] {
  const html = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  const url = JSON.parse(/id="callmark-expected"[^>]*>([\s\S]*?)<\/script>/.exec(html)![1]!).url as string;
  const u = new URL(url);
  return scanDocument(adapterFor(u)!, parsePage(html, url), u).map((f) => ListingData.parse(f.data));
}

const named = (listings: ListingData[], name: string): ListingData => listings.find((l) => l.name === name)!;

describe('Yandex Maps ⇄ Yandex search', () => {
  const mapsList = listingsOf('maps_search_list.html');
  const mapsCard = listingsOf('org_card.html');
  const searchList = listingsOf('search_desktop_orgs.html');
  const searchTouch = listingsOf('search_touch_orgs.html');
  const searchOne = listingsOf('search_one_org.html');

  it('a company logged on Yandex Maps is matched exactly on both search layouts and the single card', async () => {
    const db = await freshDb();
    const { company } = await logCall(db, { listing: named(mapsList, 'Кофемания') }, { outcome: 'refused', reason: 'дорого' }, 'RU');
    expect(company.siteKeys).toEqual(['yandex:1018907821']);
    expect(company.phones).toEqual([]); // the Maps list shows none: the id is the only strong key
    const [onList, onCard, other] = await lookupListings(db, [named(searchList, 'Кофемания'), searchOne[0]!, named(searchList, 'Отель Правда')], opts);
    expect(onList).toMatchObject({ match: 'exact', company: { id: company.id, status: 'refused' } });
    expect(onCard).toMatchObject({ match: 'exact', company: { id: company.id } });
    expect(other!.match).toBe('none');
  });

  it('a company logged on Yandex search is matched exactly on the Maps list and organisation card', async () => {
    const db = await freshDb();
    // Logged under another name, without phones or site: only the permalink can find it again.
    const bare = (l: ListingData, name: string): ListingData => ({ ...l, name, phones: [], website: undefined });
    const { company: double } = await logCall(db, { listing: bare(named(searchList, 'Double B'), 'Дабл Би') }, { outcome: 'interested' }, 'RU');
    const { company: coffee } = await logCall(db, { listing: bare(searchOne[0]!, 'Кофемания на Никитской') }, { outcome: 'client' }, 'RU');
    const [onMaps, onCard, elsewhere] = await lookupListings(db, [named(mapsList, 'Double B'), mapsCard[0]!, named(searchTouch, 'Соня')], opts);
    expect(onMaps).toMatchObject({ match: 'exact', company: { id: double.id, status: 'interested' } });
    expect(onCard).toMatchObject({ match: 'exact', company: { id: coffee.id, status: 'client' } });
    expect(elsewhere!.match).toBe('none');
  });
});
