/**
 * The organisation blocks of Yandex web search (yandex.ru/search, desktop and
 * touch): the organisation list ("organisation wizard", a carousel or a list
 * of cards) and the single-organisation card. Part of the `yandex` adapter, so
 * a listing's siteId is the Yandex organisation id (the permalink) that Yandex
 * Maps uses too.
 *
 * What real pages show and what is relied on:
 * - The block is `[data-fast-name="companies"]` (older pages:
 *   `data-fast-wzrd`). Only links inside it count: ads, web results and the
 *   map outside it link to `/maps/org/…` too and get no badge.
 * - Each card links to its organisation: `…/search?text=…&oid=b:<permalink>`
 *   (list cards), `/maps/org/<slug>/<permalink>/` or `/maps/?oid=<permalink>`
 *   (the single card's address and map).
 * - Names: the card's named link (touch), its link's aria-label, the state's
 *   title, or the card's title line (desktop carousels have an empty overlay
 *   link). Hotels carry their star class ("Аврора клуб 4*"): not part of the name.
 * - Phones: `tel:` links; on desktop a button whose aria-label is the full
 *   number while its text is masked ("+7 (812) 406-XX-XX"); and the page's
 *   embedded React state (`noframes#lazy-react-state`: card items with
 *   `phones.formattedPhones`, `site`, `address`, `category`; the single
 *   card's contacts with `items`).
 * - The single card: a contacts group (`role=group`, "Контактная
 *   информация") with site, phone and address ("Адрес организации: …")
 *   entries; its "similar hotels" carousel belongs to it and is not listed.
 */
import type { FoundListing, PageContext } from './types';
import {
  absoluteUrl,
  cardAround,
  cityFromRussianAddress,
  clean,
  compact,
  elementWithText,
  isPhoneShaped,
  memo,
  parseUrl,
  telNumber,
  textOf,
  uniquePhones,
  websiteHref,
} from './util';

const WIZARD = '[data-fast-name="companies"], [data-fast-wzrd="companies"]';
const ORG_HREF = 'a[href*="oid="], a[href*="/org/"]';
/** Candidate roots for the detector: organisation links inside the blocks. */
export const SEARCH_ORG_LINKS = ['[data-fast-name="companies"]', '[data-fast-wzrd="companies"]']
  .flatMap((w) => ['a[href*="oid="]', 'a[href*="/org/"]'].map((a) => `${w} ${a}`))
  .join(', ');

const HOST = /(?:^|\.)(?:yandex\.[a-z.]+|ya\.ru)$/;
const CONTACTS_LABEL = /контакт|contact/i;
const LIST_ITEM = 'li, [role="listitem"], article';
/** "Подробная информация про организацию: <name>" (not the site's or address's "… организации: …"). */
const TITLE_LABEL = /^(?:(?!сайт|адрес|телефон|site|address|phone).)*(?:организаци|organi[sz]ation)[^:]*:/i;

export function isSearchPage(url: URL): boolean {
  return /^\/search(?:\/|$)/.test(url.pathname);
}

/** The organisation id a Yandex link names: `oid=b:<id>`, `oid=<id>`, `/org/<slug>/<id>/`. */
export function orgIdOfHref(href: string | null | undefined, base: URL): string | undefined {
  const u = parseUrl(href, base);
  if (!u || !HOST.test(u.hostname)) return undefined;
  const oid = /^(?:b:)?(\d{5,})$/.exec(u.searchParams.get('oid') ?? '')?.[1];
  if (oid) return oid;
  return /\/org\/(?:[^/]+\/)?(\d{5,})(?:\/|$)/.exec(u.pathname)?.[1];
}

interface StateOrg {
  title?: string;
  address?: string;
  category?: string;
  phones: string[];
  site?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && clean(v) ? clean(v) : undefined);

/**
 * Organisations in the page's embedded React state, by id. Bounded: a hostile
 * or huge state is walked to a fixed depth and node count.
 */
function stateOrgs(page: PageContext): Map<string, StateOrg> {
  return memo(page, 'yandex:search-state', () => {
    const out = new Map<string, StateOrg>();
    for (const el of Array.from(page.document.querySelectorAll('noframes[id$="react-state"], script[id$="react-state"]'))) {
      let data: unknown;
      try {
        data = JSON.parse(el.textContent ?? '');
      } catch {
        continue;
      }
      let budget = 200_000;
      const walk = (v: unknown, depth: number): void => {
        if (!v || typeof v !== 'object' || depth > 14 || --budget < 0) return;
        if (Array.isArray(v)) {
          for (const x of v) walk(x, depth + 1);
          return;
        }
        const o = v as Record<string, unknown>;
        const id = /^\d{5,}$/.exec(String(o.oid ?? o.permalink ?? o.id ?? ''))?.[0];
        const title = str(o.title);
        if (id && title && !out.has(id)) {
          const phones = (o.phones as { formattedPhones?: unknown } | undefined)?.formattedPhones;
          const site = o.site as { url?: unknown } | undefined;
          out.set(id, {
            title,
            address: str(o.address),
            category: str(o.category),
            phones: Array.isArray(phones) ? phones.map(str).filter((p): p is string => !!p && isPhoneShaped(p)) : [],
            site: str(site?.url),
          });
        }
        for (const k of Object.keys(o)) walk(o[k], depth + 1);
      };
      walk(data, 0);
    }
    return out;
  });
}

/** The state of one React root (`data-state-id`) as the page embeds it. */
function stateOf(page: PageContext, id: string | null): Record<string, unknown> | undefined {
  if (!id) return undefined;
  const all = memo(page, 'yandex:search-roots', () => {
    const map = new Map<string, Record<string, unknown>>();
    for (const el of Array.from(page.document.querySelectorAll('noframes[id$="react-state"], script[id$="react-state"]'))) {
      try {
        const data = JSON.parse(el.textContent ?? '') as Record<string, unknown>;
        for (const [k, v] of Object.entries(data ?? {})) {
          const state = (v as { state?: unknown } | null)?.state;
          if (state && typeof state === 'object') map.set(k, state as Record<string, unknown>);
        }
      } catch {
        /* a broken state is skipped */
      }
    }
    return map;
  });
  return all.get(id);
}

/** "Аврора клуб 4*" → "Аврора клуб": a hotel's star class is not its name. */
function withoutStars(name: string): string {
  return clean(name.replace(/\s+[1-5]\s?\*+$/, '')) || name;
}

/** The part of an aria-label after its prefix: "Адрес организации: Литейный просп., 5/19" → "Литейный просп., 5/19". */
function afterColon(label: string | null): string {
  const s = clean(label);
  const i = s.indexOf(':');
  return i >= 0 ? clean(s.slice(i + 1)) : s;
}

function labelled(root: Element, label: RegExp): Element | undefined {
  return Array.from(root.querySelectorAll('[aria-label]')).find((e) => label.test(e.getAttribute('aria-label') ?? ''));
}

/** Phones a card shows: `tel:` links, and buttons labelled with the full number (their text is masked). */
function shownPhones(root: Element): string[] {
  const out: string[] = [];
  for (const a of Array.from(root.querySelectorAll('a[href^="tel:"], a[href^="callto:"]'))) out.push(telNumber(a.getAttribute('href')));
  for (const b of Array.from(root.querySelectorAll('[role="button"][aria-label], button[aria-label]'))) {
    const label = clean(b.getAttribute('aria-label'));
    if (isPhoneShaped(label)) out.push(label);
  }
  return out.filter(isPhoneShaped);
}

/** A website link in a card: labelled as the organisation's site, or with the "site" state. */
function shownSite(root: Element, page: PageContext): string | undefined {
  const link = labelled(root, /сайт|website/i);
  const a = link?.localName === 'a' ? link : link?.querySelector('a[href]');
  return a ? websiteHref(a.getAttribute('href'), page.url) : undefined;
}

function mapsUrl(page: PageContext, id: string): string {
  const origin = HOST.test(page.url.hostname) ? page.url.origin : 'https://yandex.ru';
  return `${origin}/maps/?ol=biz&oid=${id}`;
}

/** Whether `el` sits in a list item of the block (a card of a list, a similar organisation). */
function inListItem(el: Element, wizard: Element): boolean {
  const item = el.parentElement?.closest(LIST_ITEM);
  return !!item && item !== wizard && wizard.contains(item);
}

/** The single-organisation card: its contacts group, outside any list item. */
function contactsOf(wizard: Element): Element | undefined {
  return Array.from(wizard.querySelectorAll('[role="group"][aria-label]')).find(
    (g) => CONTACTS_LABEL.test(g.getAttribute('aria-label') ?? '') && !inListItem(g, wizard),
  );
}

function readSingleCard(wizard: Element, contacts: Element, page: PageContext): FoundListing | null {
  const orgLinks = Array.from(wizard.querySelectorAll(ORG_HREF)).filter((a) => !inListItem(a, wizard));
  const addrLink = labelled(contacts, /адрес|address/i);
  const id =
    orgIdOfHref(addrLink?.getAttribute('href'), page.url) ??
    orgLinks.map((a) => orgIdOfHref(a.getAttribute('href'), page.url)).find(Boolean);
  if (!id) return null;
  const title =
    Array.from(wizard.querySelectorAll('[aria-label]')).find((e) => TITLE_LABEL.test(e.getAttribute('aria-label') ?? '')) ??
    wizard.querySelector('h1, h2, [role="heading"]') ??
    undefined;
  const name = title ? withoutStars(textOf(title) || afterColon(title.getAttribute('aria-label'))) : '';
  if (!title || !name) return null;
  const phones = shownPhones(contacts);
  for (const el of Array.from(contacts.querySelectorAll('[data-state-id]'))) {
    const items = stateOf(page, el.getAttribute('data-state-id'))?.items;
    if (Array.isArray(items)) for (const p of items) if (typeof p === 'string' && isPhoneShaped(p)) phones.push(clean(p));
  }
  const category = labelled(wizard, /^(?:категори|categor)/i);
  const address = addrLink ? afterColon(addrLink.getAttribute('aria-label')) || textOf(addrLink) : undefined;
  const mapLink = orgLinks.find((a) => /\/maps\/org\//.test(a.getAttribute('href') ?? ''));
  return {
    root: wizard,
    anchor: title,
    data: compact({
      directory: 'yandex',
      name,
      phones: uniquePhones(phones),
      website: shownSite(contacts, page),
      address,
      city: cityFromRussianAddress(address),
      category: category ? afterColon(category.getAttribute('aria-label')) || textOf(category) : undefined,
      url: mapLink ? orgUrlOf(mapLink, page) : mapsUrl(page, id),
      siteId: id,
    }),
  };
}

/** `/maps/org/<slug>/<id>/` without its tracking parameters. */
function orgUrlOf(a: Element, page: PageContext): string | undefined {
  const abs = absoluteUrl(a.getAttribute('href'), page.url);
  const u = parseUrl(abs);
  return u ? u.origin + u.pathname : undefined;
}

function readListCard(link: Element, id: string, page: PageContext): FoundListing | null {
  const key = (a: Element): string | undefined => orgIdOfHref(a.getAttribute('href'), page.url);
  const card = cardAround(link, ORG_HREF, key);
  const links = Array.from(card.querySelectorAll(ORG_HREF)).filter((a) => key(a) === id);
  const state = stateOrgs(page).get(id);
  const named = links.find((a) => textOf(a));
  const ariaNamed = links.find((a) => clean(a.getAttribute('aria-label')));
  let anchor: Element | undefined;
  let name = '';
  if (named) {
    anchor = named;
    name = textOf(named);
  } else if (ariaNamed) {
    name = clean(ariaNamed.getAttribute('aria-label'));
    anchor = elementWithText(card, name) ?? ariaNamed;
  } else if (state?.title && elementWithText(card, state.title)) {
    name = state.title;
    anchor = elementWithText(card, name);
  } else {
    anchor = card.querySelector('h1, h2, h3, h4, [role="heading"], [class*="Title"]') ?? undefined;
    name = anchor ? textOf(anchor) : '';
  }
  if (!anchor || !name) return null;
  const addressEl = labelled(card, /^(?:адрес|address)/i) ?? card.querySelector('[class*="Address"], address');
  const address = (addressEl ? afterColon(addressEl.getAttribute('aria-label')) || textOf(addressEl) : undefined) || state?.address;
  return {
    root: card,
    anchor,
    data: compact({
      directory: 'yandex',
      name: withoutStars(name),
      phones: uniquePhones([...shownPhones(card), ...(state?.phones ?? [])]),
      website: shownSite(card, page) ?? (state?.site ? websiteHref(state.site, page.url) : undefined),
      address,
      city: cityFromRussianAddress(address),
      category: state?.category,
      url: mapsUrl(page, id),
      siteId: id,
    }),
  };
}

/** Reads an organisation link inside an organisation block of a search page. */
export function readSearchOrgLink(link: Element, page: PageContext): FoundListing | null {
  const wizard = link.closest(WIZARD);
  if (!wizard) return null;
  const contacts = contactsOf(wizard);
  if (contacts) return readSingleCard(wizard, contacts, page);
  const id = orgIdOfHref(link.getAttribute('href'), page.url);
  return id ? readListCard(link, id, page) : null;
}
