// Bench pages built at bench time from the real saved directory pages in
// ../shared/fixtures/real/ (never copied into the project): the real pages
// themselves with their scripts removed, and 1,000-card lists made by cloning
// their cards, with the page's own inline CSS.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { root, servePage } from './harness.mjs';

export const REAL = path.resolve(root, '../shared/fixtures/real');
export const ZOON_LIST = path.join(REAL, 'zoon/spb_kindergartens_list_2024.html');
export const TWOGIS_2020 = path.join(REAL, '2gis/moscow_cafe_search_2020.html');
export const TWOGIS_2025 = path.join(REAL, '2gis/moscow_carwash_search_2025.html');

export const haveRealPages = () => [ZOON_LIST, TWOGIS_2020, TWOGIS_2025].every((f) => existsSync(f));

/** The page without its scripts (their sources are not on this machine), except 2GIS's embedded state. */
export function withoutScripts(html) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, (s) => (/initialState\s*=/.test(s) && !/\bsrc=/.test(s.slice(0, 200)) ? s : ''));
}

/** 2GIS's `var initialState = JSON.parse('…')`, as the object it stands for. */
function initialStateOf(html) {
  const m = /initialState\s*=\s*JSON\.parse\((['"])/.exec(html);
  if (!m) return undefined;
  const from = m.index + m[0].length;
  let end = from;
  for (;;) {
    end = html.indexOf(m[1], end);
    let slashes = 0;
    while (html[end - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) break;
    end++;
  }
  // A string literal only: evaluated in an empty context.
  return JSON.parse(vm.runInNewContext(html.slice(from - 1, end + 1)));
}

/**
 * In a page opened from `html` (scripts off): clones the list's cards up to
 * `count` (+ `more` kept in a <template id="bench-more"> for the append case),
 * each one a distinct company, and returns the new page's HTML.
 */
async function cloneCards(browser, url, html, { count, more, kind }) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    await context.route('**/*', servePage(html));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    return await page.evaluate(
      ({ count, more, kind }) => {
        const firmId = (i) => String(70000009000000000n + BigInt(i));
        let cards;
        if (kind === 'zoon') {
          cards = [...document.querySelectorAll('[data-uitest="org-item-block"]')];
        } else {
          const links = [...document.querySelectorAll('a[href*="/firm/"]')].filter((a) => a.textContent.trim());
          // The list item: the link's ancestor whose parent holds several cards.
          let item = links[0];
          while (item.parentElement && item.parentElement.querySelectorAll(':scope > * a[href*="/firm/"]').length < Math.min(5, links.length)) item = item.parentElement;
          cards = [...item.parentElement.children].filter((c) => c.querySelector('a[href*="/firm/"]'));
        }
        const list = cards[0].parentElement;
        const make = (i) => {
          const card = cards[i % cards.length].cloneNode(true);
          if (kind === 'zoon') {
            const link = card.querySelector('[data-uitest="org-link"]') ?? card.querySelector('h2 a[href], h3 a[href]');
            link.textContent = `${link.textContent.trim()} №${i}`;
            link.setAttribute('href', `https://zoon.ru/spb/kindergarten/bench_org_${i}/`);
            const phone = `+7 (812) ${String(100 + (i % 900)).padStart(3, '0')}-${String(Math.floor(i / 900)).padStart(2, '0')}-${String(i % 100).padStart(2, '0')}`;
            for (const el of card.querySelectorAll('[data-number]')) el.setAttribute('data-number', phone);
            for (const el of card.querySelectorAll('a[href^="tel:"]')) el.setAttribute('href', `tel:${phone.replace(/[^\d+]/g, '')}`);
          } else {
            const id = firmId(i);
            for (const a of card.querySelectorAll('a[href*="/firm/"]')) {
              // Drop the tracking query (kilobytes per link) and give the card its own firm.
              a.setAttribute('href', a.getAttribute('href').split('?')[0].replace(/\/firm\/\d+/, `/firm/${id}`));
            }
            const name = [...card.querySelectorAll('a[href*="/firm/"]')].find((a) => a.textContent.trim());
            const span = name.querySelector('span') ?? name;
            span.textContent = `${span.textContent.trim()} №${i}`;
          }
          return card;
        };
        const names = [];
        for (let i = 0; i < count + more; i++) names.push(i);
        for (const c of cards) c.remove();
        const frag = document.createDocumentFragment();
        for (let i = 0; i < count; i++) frag.appendChild(make(i));
        list.appendChild(frag);
        const tpl = document.createElement('template');
        tpl.id = 'bench-more';
        tpl.setAttribute('data-list', '');
        for (let i = count; i < count + more; i++) tpl.content.appendChild(make(i));
        document.body.appendChild(tpl);
        list.setAttribute('data-bench-list', '');
        const sources = cards.map((c) => {
          const a = kind === 'zoon' ? c.querySelector('[data-uitest="org-link"]') : [...c.querySelectorAll('a[href*="/firm/"]')].find((x) => x.textContent.trim());
          return (a.getAttribute('href') ?? '').split('?')[0];
        });
        return { html: '<!doctype html>\n' + document.documentElement.outerHTML, templates: cards.length, sources };
      },
      { count, more, kind },
    );
  } finally {
    await context.close();
  }
}

/** A zoon list of `count` cards cloned from the real zoon list, with its inline CSS. */
export async function bigZoonPage(browser, { count = 1000, more = 200 } = {}) {
  const html = withoutScripts(readFileSync(ZOON_LIST, 'utf8'));
  const built = await cloneCards(browser, 'https://zoon.ru/spb/kindergarten/', html, { count, more, kind: 'zoon' });
  return {
    html: built.html,
    url: 'https://zoon.ru/spb/kindergarten/',
    host: 'zoon.ru',
    count,
    more,
    nameSelector: '[data-uitest="org-link"]',
    /** One listing in ten is in the base. */
    seed: (i) => ({ directory: 'zoon', name: 'seed', phones: [`+7812${String(100 + (i % 900)).padStart(3, '0')}${String(Math.floor(i / 900)).padStart(2, '0')}${String(i % 100).padStart(2, '0')}`], siteId: `bench_org_${i}` }),
  };
}

/**
 * A 2GIS list of `count` cards cloned from the real 2020 search page, with its
 * inline CSS and an embedded state holding each firm's profile (cloned from
 * the page's own profiles), as 2GIS serves it.
 */
export async function bigTwoGisPage(browser, { count = 1000, more = 200 } = {}) {
  const original = readFileSync(TWOGIS_2020, 'utf8');
  const state = initialStateOf(original);
  const profiles = Object.values(state.data.entity.profile).filter((p) => p?.data?.name);
  const html = withoutScripts(original).replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '');
  const built = await cloneCards(browser, 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5', html, { count, more, kind: '2gis' });
  const profile = {};
  for (let i = 0; i < count + more; i++) {
    const id = String(70000009000000000n + BigInt(i));
    const p = structuredClone(profiles[i % profiles.length]);
    p.data.id = id;
    p.data.name = `${p.data.name} №${i}`;
    profile[id] = p;
  }
  state.data.entity.profile = profile;
  // As 2GIS writes it: a single-quoted literal, backslashes doubled, quotes and '<' as \u escapes.
  const literal = JSON.stringify(state).replace(/\\/g, '\\\\').replace(/'/g, '\\u0027').replace(/</g, '\\u003C');
  const script = `<script>var initialState = JSON.parse('${literal}');</script>`;
  return {
    html: built.html.replace('</head>', `${script}</head>`),
    url: 'https://2gis.ru/moscow/search/%D0%BA%D0%B0%D1%84%D0%B5',
    host: '2gis.ru',
    count,
    more,
    nameSelector: 'a[href*="/firm/"]',
    seed: (i) => ({ directory: '2gis', name: 'seed', phones: [], siteId: String(70000009000000000n + BigInt(i)) }),
  };
}
