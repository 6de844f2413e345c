import { openDatabase } from '../../../lib/store/db';
import type { ListingData } from '../../../lib/model';

let counter = 0;
/** A fresh database per test: fake-indexeddb keeps databases for the whole file. */
export const freshDb = (version?: number) => openDatabase(`test-${process.pid}-${++counter}`, version);

export const listing = (over: Partial<ListingData> = {}): ListingData => ({
  directory: '2gis',
  name: 'Кампус, кафе-бар',
  phones: ['+7 (495) 708‒31‒12'],
  website: 'http://campus2020.ru',
  address: 'Большая Никитская, 2',
  city: 'Москва',
  category: 'Кафе-бар',
  url: 'https://2gis.ru/moscow/firm/4504127908538124',
  siteId: '4504127908538124',
  ...over,
});
