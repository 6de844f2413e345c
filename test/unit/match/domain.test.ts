import { toASCII } from 'punycode/';
import { describe, expect, it } from 'vitest';
import { domainOf, isDirectoryHost } from '../../../lib/match/domain';
import { describeReal, readReal, readRealJson, type GoogleGolden, readCocliGolden, type ZoonItem } from './fixtures';

/** A 2GIS 3.2 link in the real layout: target, stats endpoint, JSON event (base64). */
function twoGisLink32(target: string, json = '[{"payload":{"contact":{"type":"website"}}}]'): string {
  const text = `${target}\nhttp://s0.bss.2gis.com/bss/3\n${json}`;
  const b64 = Buffer.from(text, 'utf8').toString('base64');
  return `http://link.2gis.ru/3.2/${encodeURIComponent(b64)}`;
}

describe('domainOf: hosts', () => {
  const cases: Array<[string, string]> = [
    ['https://www.thetipsysticks.com/', 'thetipsysticks.com'],
    ['http://campus2020.ru', 'campus2020.ru'],
    ['campus2020.ru', 'campus2020.ru'],
    ['www.campus2020.ru', 'campus2020.ru'],
    ['CAMPUS2020.RU', 'campus2020.ru'],
    ['HTTPS://WWW.Campus2020.RU:8443/menu?x=1#top', 'campus2020.ru'],
    ['https://kampus-cafe.ru/pervomaisk/interer/', 'kampus-cafe.ru'],
    ['https://4seasonsdetailing.ru/delivery?utm_source=2gis&utm_medium=cpc', '4seasonsdetailing.ru'],
    ['//gretelmsk.ru/#menu', 'gretelmsk.ru'],
    ['spb.skalaland.ru', 'spb.skalaland.ru'],
    ['tigrrrenok.tilda.ws', 'tigrrrenok.tilda.ws'],
    ['campus2020.ru.', 'campus2020.ru'],
    ['example.ru:8080/path', 'example.ru'],
    [' spl.org ', 'spl.org'],
  ];
  it.each(cases)('%s → %s', (input, host) => {
    expect(domainOf(input)).toBe(host);
  });
});

describe('domainOf: IDN', () => {
  it('gives Unicode for punycode and keeps Unicode', () => {
    expect(domainOf('http://xn--80ak6aa92e.com/')).toBe('аррӏе.com');
    expect(domainOf('аррӏе.com')).toBe('аррӏе.com');
    expect(toASCII(domainOf('xn--80ak6aa92e.com')!)).toBe('xn--80ak6aa92e.com');
    expect(domainOf('www.кафе.рф')).toBe('кафе.рф');
    expect(domainOf('https://WWW.КАФЕ.РФ/меню')).toBe('кафе.рф');
    expect(domainOf('http://xn--80akn5b.xn--p1ai')).toBe('кафе.рф');
    expect(domainOf('супершкола.рф')).toBe('супершкола.рф');
    expect(domainOf('http://xn--80ajpeodifs7c.xn--p1ai/')).toBe('супершкола.рф');
  });
  it('keeps ё in a domain (it is a different name there)', () => {
    expect(domainOf('сад-василёк.рф')).toBe('сад-василёк.рф');
  });
});

describe('domainOf: not a company domain', () => {
  const nulls: Array<[string, string]> = [
    ['directory', 'https://2gis.ru/moscow/firm/70000001036132609'],
    ['directory (zoon)', 'https://zoon.ru/spb/kids/chastnyj_detskij_sad_moj_malysh_na_metro_devyatkino/'],
    ['yandex maps', 'https://yandex.ru/maps/org/kampus/1234567890/'],
    ['google maps', 'https://www.google.com/maps/place/Griffith+Observatory/'],
    ['google, other TLD', 'https://www.google.com.cy/maps'],
    ['yelp', 'https://www.yelp.com/biz/tipsy-sticks-nicosia'],
    ['vk', 'https://vk.com/superki'],
    ['vk.link', 'vk.link'],
    ['instagram', 'https://www.instagram.com/cafe2.3.a/'],
    ['facebook', 'https://facebook.com/kampus'],
    ['telegram', 'https://t.me/kampus'],
    ['whatsapp', 'https://wa.me/79119521139'],
    ['whatsapp api (zoon data)', 'api.whatsapp.com'],
    ['app store', 'https://apps.apple.com/ru/app/%D1%81%D0%BA%D0%B0%D0%BB%D0%BA%D0%B0/id1455526411'],
    ['play store', 'https://play.google.com/store/apps/details?id=com.skalka2.app'],
    ['taplink', 'https://taplink.cc/kampus'],
    ['truncated (zoon data)', 'kindergarten-1787.busin..'],
    ['truncated 2gis (zoon data)', '70000001061814136.2gis...'],
    ['empty', ''],
    ['spaces', '   '],
    ['words', 'нет сайта'],
    ['single label', 'localhost'],
    ['IP', 'http://192.168.1.1/'],
    ['mailto', 'mailto:info@campus2020.ru'],
    ['e-mail', 'info@campus2020.ru'],
    ['javascript', 'javascript:alert(1)'],
    ['tel', 'tel:+74957083112'],
    ['numeric TLD', 'campus.2020'],
  ];
  it.each(nulls)('%s: %s', (_what, input) => {
    expect(domainOf(input)).toBeNull();
  });

  it('does not mistake a company site with "ya" or "google" in it for a directory', () => {
    expect(domainOf('ya.mysite.ru')).toBe('ya.mysite.ru');
    expect(domainOf('google-fan.ru')).toBe('google-fan.ru');
    expect(domainOf('https://mysite.ru/?url=https://vk.com/x')).toBe('mysite.ru');
  });

  it('isDirectoryHost', () => {
    expect(isDirectoryHost('2gis.ru')).toBe(true);
    expect(isDirectoryHost('maps.yandex.ru')).toBe(true);
    expect(isDirectoryHost('campus2020.ru')).toBe(false);
  });
});

describe('domainOf: redirect wrappers', () => {
  it('2GIS 1.2 link: the target is the query string', () => {
    expect(
      domainOf(
        'http://link.2gis.ru/1.2/600FAE59/online/20201101/project32/70000001036132609/null/tugfgi98158H311404IGGG24llqjs667G6G747I5GHBH0J1Hmyga878757G71G90035JI7GJ43c6uv19079C714492H1H7B2e?http://campus2020.ru',
      ),
    ).toBe('campus2020.ru');
    expect(
      domainOf(
        'https://link.2gis.ru/1.2/1508B17D/online/20201101/project32/70000001045608027/null/x5Drqh?https://4seasonsdetailing.ru/delivery?utm_source=2gis&utm_medium=cpc&utm_campaign=delivery',
      ),
    ).toBe('4seasonsdetailing.ru');
    // a 2GIS link to Instagram is not a company domain
    expect(domainOf('https://link.2gis.ru/1.2/181D364A/online/x/null/y?https://www.instagram.com/cafe2.3.a/')).toBeNull();
  });

  it('2GIS 3.2 link: base64 text whose first line is the target', () => {
    expect(domainOf(twoGisLink32('http://campus2020.ru/'))).toBe('campus2020.ru');
    expect(domainOf(twoGisLink32('https://xn--80akn5b.xn--p1ai/menu'))).toBe('кафе.рф');
    // base64url alphabet, no padding
    const url = twoGisLink32('http://gretelmsk.ru/?a=1');
    const b64 = decodeURIComponent(url.split('/3.2/')[1]!);
    const b64url = b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(domainOf(`https://link.2gis.ru/3.2/${b64url}`)).toBe('gretelmsk.ru');
  });

  it('2GIS 3.2 link: target found inside the JSON when the first line is not a URL', () => {
    const json = JSON.stringify([
      { payload: { contact: { value: 'http://link.2gis.ru/1.2/AB/online/x/null/y?http://mskofficial.ru/' } } },
    ]);
    expect(domainOf(twoGisLink32('', json))).toBe('mskofficial.ru');
  });

  it('2GIS link that decodes to nothing useful is null', () => {
    expect(domainOf('https://link.2gis.ru/3.2/bm90aGluZyBoZXJl')).toBeNull(); // "nothing here"
    expect(domainOf('https://link.2gis.ru/3.2/%%%')).toBeNull();
  });

  it('Yelp biz_redir', () => {
    expect(
      domainOf(
        'https://www.yelp.com/biz_redir?url=https%3A%2F%2Fwww.thetipsysticks.com%2F&website_link_type=website&src_bizid=abc123&cachebuster=1681234567&s=0f1e2d',
      ),
    ).toBe('thetipsysticks.com');
    expect(domainOf('/biz_redir?url=https%3A%2F%2Fspl.org')).toBeNull(); // relative: no host to trust
  });

  it('Google /url?q= and ?url=', () => {
    expect(domainOf('https://www.google.com/url?q=https://www.spl.org/&sa=U&ved=2ah')).toBe('spl.org');
    expect(domainOf('https://www.google.ru/url?url=http%3A%2F%2Fcampus2020.ru%2F&rct=j')).toBe('campus2020.ru');
  });

  it('Yandex, VK and Facebook wrappers', () => {
    expect(domainOf('https://yandex.ru/redirect?url=https%3A%2F%2Fcampus2020.ru')).toBe('campus2020.ru');
    expect(domainOf('https://vk.com/away.php?to=https%3A%2F%2Fzibimi.ru%2F&cc_key=')).toBe('zibimi.ru');
    expect(domainOf('https://l.facebook.com/l.php?u=https%3A%2F%2Fmetmuseum.org%2F&h=AT0')).toBe('metmuseum.org');
  });

  it('a wrapper around a wrapper', () => {
    const inner = 'https://www.yelp.com/biz_redir?url=' + encodeURIComponent('https://www.metmuseum.org/');
    expect(domainOf('https://www.google.com/url?q=' + encodeURIComponent(inner))).toBe('metmuseum.org');
  });
});

describeReal('domains from real directory data', () => {
  it('2GIS firm page: every link.2gis.ru href (1.2 and 3.2) decodes to the firm\'s sites', () => {
    const html = readReal('2gis/firm_kampus_2020.html');
    const links = [...html.matchAll(/https?:\/\/link\.2gis\.ru\/[^"<> ]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
    const v32 = links.filter((l) => l.includes('/3.2/'));
    expect(v32.length).toBeGreaterThan(0);
    const domains = new Set(links.map((l) => domainOf(l)));
    expect(domains).toEqual(new Set(['campus2020.ru', 'kampus-cafe.ru']));
    for (const l of v32) expect(['campus2020.ru', 'kampus-cafe.ru']).toContain(domainOf(l));
  });

  it('2GIS firm page: geoAlternativeUrls agree with the decoded link', () => {
    const exp = readRealJson<{ components: Array<{ 'json.geoAlternativeUrls': string[] }> }>(
      '2gis/firm_kampus_2020.expected.json',
    );
    expect(exp.components[0]!['json.geoAlternativeUrls'].map(domainOf)).toEqual(['campus2020.ru']);
  });

  it('2GIS search page: redirect links give company domains or null for social/app links', () => {
    const html = readReal('2gis/moscow_cafe_search_2020.html');
    const links = [...html.matchAll(/https?:\/\/link\.2gis\.ru\/[^"<> ]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
    const domains = new Set(links.map((l) => domainOf(l)));
    for (const d of ['mskofficial.ru', 'gretelmsk.ru', 'pirogi-skalka.ru', 'l.todase-cafe.ru', 'kampus-cafe.ru']) {
      expect(domains).toContain(d);
    }
    for (const d of domains) if (d) expect(isDirectoryHost(d)).toBe(false);
    expect(domains).not.toContain('instagram.com');
    expect(domains).toContain(null); // the Instagram, App Store, Play links
  });

  it('zoon: sites are hosts or null for social/garbage', () => {
    const items = readRealJson<ZoonItem[]>('zoon/spb_kindergartens_list_2024.detail_scrape.json');
    const byName = new Map(items.map((i) => [i.item_site, i.item_site ? domainOf(i.item_site) : null]));
    expect(byName.get('moj-malysh-centr.ru')).toBe('moj-malysh-centr.ru');
    expect(byName.get('супершкола.рф')).toBe('супершкола.рф');
    expect(byName.get('api.whatsapp.com')).toBeNull();
    expect(byName.get('vk.link')).toBeNull();
    expect(byName.get('kindergarten-1787.busin..')).toBeNull();
    expect(byName.get('70000001061814136.2gis...')).toBeNull();
    for (const i of items) for (const s of i.social_networks_list ?? []) expect(domainOf(s)).toBeNull();
  });

  it('Google Maps: websites of the golden set and the place page', () => {
    const rows: GoogleGolden[] = readCocliGolden();
    expect(rows.map((r) => domainOf(r.website))).toEqual(['griffithobservatory.org', 'metmuseum.org', 'spl.org']);
    for (const r of rows) expect(domainOf(r.website.replace(/^/, 'https://www.'))).toBe(domainOf(r.website));
    const exp = readRealJson<{ WebSite: string }>('google_maps/place_tipsy_sticks_nicosia_2023.expected.json');
    expect(domainOf(exp.WebSite)).toBe('thetipsysticks.com');
  });
});
