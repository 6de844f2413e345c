import { describe, expect, it } from 'vitest';
import { adapterFor, scanDocument } from '../../../lib/sites';
import { parsePage } from './helpers';

/**
 * 2GIS's embedded state is read profile by profile (only the profiles of the
 * listings read are decoded and parsed), in each of the forms 2GIS has served it.
 */
const URL_ = 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5';
const ids = ['70000001031668425', '70000001044632446', '4504127908731837'];
const profile = (id: string, k: number) => ({
  data: {
    id: `${id}_hash${k}`,
    name: `Кафе «Дом ${k}», сеть "кофеен"`,
    address_name: `Тверская, ${k + 1}`,
    adm_div: [{ type: 'city', name: 'Москва' }],
    rubrics: [{ name: 'Кафе' }],
    contact_groups: [{ contacts: [{ type: 'phone', text: `+7 (495) 000-00-0${k}` }] }],
  },
});
// Other parts of the state hold digit-keyed objects too; they are not firms.
const state = {
  data: {
    geo: { profile: { '32': { data: { name: 'Москва' } } } },
    entity: { profile: Object.fromEntries(ids.map((id, k) => [k === 1 ? `${id}_ab12` : id, profile(id, k)])) },
  },
};
const cards = ids
  .map((id, k) => `<div class="_card"><a href="/moscow/firm/${id}"><span>Дом ${k}</span></a><span>Кафе</span></div>`)
  .reverse() // the list need not follow the state's order
  .join('');
const page = (script: string) => `<!doctype html><html><head><script>${script}</script></head><body><div id="list">${cards}</div></body></html>`;
const json = JSON.stringify(state);
/** As a single-quoted JS string literal (2GIS 2020). */
const singleQuoted = `'${json.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\u0400-\u04ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;

interface Read {
  name: string;
  address?: string;
  phones: string[];
}

function read(script: string): Record<string, Read> {
  const listings = scanDocument(adapterFor(new URL(URL_))!, parsePage(page(script), URL_), URL_);
  return Object.fromEntries(listings.map((l) => [l.data.siteId, { name: l.data.name, address: l.data.address, phones: l.data.phones }]));
}

const expected = Object.fromEntries(
  ids.map((id, k) => [id, { name: `Кафе «Дом ${k}», сеть "кофеен"`, address: `Тверская, ${k + 1}`, phones: [`+7 (495) 000-00-0${k}`] }]),
);

describe('2GIS embedded state', () => {
  it('reads each listing from its own profile: JSON.parse of a single-quoted literal', () => {
    expect(read(`var initialState = JSON.parse(${singleQuoted});`)).toEqual(expected);
  });

  it('…with an apostrophe and a backslash in a name, however the literal escapes the apostrophe', () => {
    const odd = { data: { entity: { profile: Object.fromEntries(ids.map((id, k) => [id, { data: { ...profile(id, k).data, name: `Bob's \\ Кафе ${k}` } }])) } } };
    const text = JSON.stringify(odd).replace(/\\/g, '\\\\');
    const names = Object.fromEntries(ids.map((id, k) => [id, `Bob's \\ Кафе ${k}`]));
    const namesOf = (r: Record<string, Read>) => Object.fromEntries(Object.entries(r).map(([id, l]) => [id, l.name]));
    expect(namesOf(read(`var initialState = JSON.parse('${text.replace(/'/g, '\\u0027')}');`))).toEqual(names);
    expect(namesOf(read(`var initialState = JSON.parse('${text.replace(/'/g, "\\'")}');`))).toEqual(names);
  });

  it('…of a double-quoted literal (every quote escaped)', () => {
    expect(read(`var initialState = JSON.parse(${JSON.stringify(json)});`)).toEqual(expected);
  });

  it('…and of a plain object', () => {
    expect(read(`window.initialState = ${json}; var later = 1;`)).toEqual(expected);
  });

  it('…with other parts of the state between two profiles (the object found by its braces)', () => {
    const split = {
      data: {
        entity: { profile: { [ids[0]!]: profile(ids[0]!, 0), [`${ids[1]}_ab12`]: profile(ids[1]!, 1) }, meta: { total: 3 } },
        more: { profile: { [ids[2]!]: profile(ids[2]!, 2) } },
      },
    };
    expect(read(`window.initialState = ${JSON.stringify(split)};`)).toEqual(expected);
    expect(read(`var initialState = JSON.parse(${JSON.stringify(JSON.stringify(split))});`)).toEqual(expected);
  });

  it('parses a state laid out otherwise whole, once', () => {
    expect(read(`window.initialState = ${JSON.stringify(state, null, 1)};`)).toEqual(expected);
  });

  it('reads the names from the cards when the state is broken or has no profile of theirs', () => {
    const names = (script: string) => Object.values(read(script)).map((l) => l.name).sort();
    expect(names(`var initialState = JSON.parse('{"data":{"entity":{"profile":{"70000001031668425":{"data":{"name":"x"');`)).toEqual(['Дом 0', 'Дом 1', 'Дом 2']);
    expect(names(`var other = 1;`)).toEqual(['Дом 0', 'Дом 1', 'Дом 2']);
  });
});
