/**
 * Generic detection, for sites the user turned on that have no adapter:
 * phones in text and `tel:` links, INN/OGRN after their labels. Each find is
 * grouped into the nearest sensible block around it:
 *
 * - a card-like element (li, article, tr, `[itemscope]`, ARIA article/listitem/row)
 *   that has a name of its own (heading, `itemprop=name`, a bold lead, a link);
 * - else the nearest ancestor holding exactly one heading (not the page's h1);
 * - else, where the ancestor holds several headings (a list without wrappers),
 *   the part on the path to the find, named by the heading before it;
 * - else the page itself (a contact page, a header or footer line), named by
 *   its h1, `og:site_name` or title.
 *
 * The page's text is only read (TreeWalker over text nodes, textContent);
 * nothing is written into it. Phones are found with lib/match/phone's
 * `extractPhones` (dates, prices, IP addresses, order numbers, postal codes
 * and ids are not phones), INN/OGRN with lib/match/inn.
 *
 * A CSS selector cannot find text, so this adapter has `scan(root)`: it works
 * on any subtree (an added node too) and returns the blocks around what it
 * finds; `read` accepts a block or any element inside one (a `tel:` link, as
 * `listingSelector` gives).
 */
import { extractInn, extractOgrn } from '../match/inn';
import { extractPhones, type CountryCode } from '../match/phone';
import type { FoundListing, PageContext, SiteAdapter } from './types';
import { clean, compact, isElement, memo, SHOW_TEXT, SKIP_TEXT_IN, telNumber, textOf, uniquePhones } from './util';

const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const TEL = 'a[href^="tel:" i], a[href^="callto:" i]';
const LABEL = /(?:ИНН|ОГРН|INN|OGRN)/u;
/** Where text is not page content a person reads as contacts. */
const SKIP_SUBTREE = new Set([...SKIP_TEXT_IN, 'code', 'pre', 'kbd', 'samp', 'var', 'input', 'select', 'option', 'button']);
const MAX_UP = 12;
const GENERIC_TITLES =
  /^(?:контакты|наши контакты|контактная информация|связаться с нами|свяжитесь с нами|обратная связь|о компании|о нас|главная|реквизиты|как добраться|адреса?|contacts?|contact us|contact information|about|about us|home|get in touch)$/iu;

function country(page: PageContext): CountryCode {
  return (page.defaultCountry ?? 'RU') as CountryCode;
}

/** Heading counts per element, cached for the page (climbs ask the same ancestors often). */
function headingCount(el: Element, page: PageContext): number {
  const cache = memo(page, 'generic:headings', () => new WeakMap<Element, number>());
  let n = cache.get(el);
  if (n === undefined) {
    n = el.querySelectorAll(HEADING).length + (el.matches(HEADING) ? 1 : 0);
    cache.set(el, n);
  }
  return n;
}

function isCard(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'li' || tag === 'article' || tag === 'tr') return true;
  if (el.hasAttribute('itemscope')) return true;
  const role = el.getAttribute('role');
  return role === 'article' || role === 'listitem' || role === 'row';
}

/** Site chrome: contacts there are the site owner's, i.e. the page's. */
function isChrome(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'header' || tag === 'footer' || tag === 'nav') return true;
  const role = el.getAttribute('role');
  if (role === 'banner' || role === 'contentinfo' || role === 'navigation') return true;
  return /(?:^|[\s_-])(?:footer|header|navbar|topbar)(?:$|[\s_-])/i.test(`${el.id} ${el.getAttribute('class') ?? ''}`);
}

function hasLetters(s: string): boolean {
  // "№59" names a kindergarten as well as words do.
  return /\p{L}|№\s*\d/u.test(s);
}

/** Field labels that lead a contact line ("Телефон:", "E-mail") and are no names. */
const FIELD_LABEL =
  /^(?:тел(?:ефон)?|телефоны|моб(?:ильный)?|факс|phone|tel|fax|mobile|cell|e-?mail|почта|адрес|address|инн|огрн|кпп|whatsapp|telegram|viber|часы работы|режим работы|hours)\.?\s*:?$/iu;

function usableName(s: string): string | undefined {
  const n = clean(s);
  if (!n || n.length > 200 || !hasLetters(n) || /:$/.test(n) || FIELD_LABEL.test(n)) return undefined;
  return n;
}

/** A card's own name element: heading, itemprop=name, its aria-label, first cell, bold lead or first link. */
function nameElementIn(block: Element): Element | undefined {
  const cands: Element[] = [];
  // <div role="article" aria-label="Name">: the card names itself.
  if (usableName(block.getAttribute('aria-label') ?? '')) return block;
  const h = block.matches(HEADING) ? block : block.querySelector(HEADING);
  if (h) cands.push(h);
  const ip = block.querySelector('[itemprop="name"]');
  if (ip) cands.push(ip);
  if (block.localName === 'tr') cands.push(...Array.from(block.children).filter((c) => c.localName === 'td' || c.localName === 'th'));
  const strong = block.querySelector('strong, b');
  if (strong) cands.push(strong);
  const link = Array.from(block.querySelectorAll('a[href]')).find((a) => !/^(?:tel|mailto|callto|sms):/i.test(a.getAttribute('href') ?? ''));
  if (link) cands.push(link);
  for (const c of cands) {
    const t = textOf(c);
    // A cell or link that is itself a phone or a number is no name.
    const n = usableName(t);
    if (n && !GENERIC_TITLES.test(n) && extractPhones(t).length === 0 && !/^\d/.test(t)) return c;
  }
  return undefined;
}

/** The heading right before `el` among its previous siblings (a list without wrappers). */
function precedingHeading(el: Element): Element | undefined {
  let s = el.previousElementSibling;
  for (let i = 0; s && i < 6; i++, s = s.previousElementSibling) {
    if (s.matches(HEADING)) return s;
    const inner = s.querySelectorAll(HEADING);
    if (inner.length) return inner[inner.length - 1];
  }
  return undefined;
}

/**
 * The block a find at `start` belongs to; the page's body for page-level
 * finds. Idempotent: the block of a block is itself.
 */
function blockFor(start: Element, page: PageContext): Element {
  const body = page.document.body ?? page.document.documentElement;
  let prev: Element | null = null;
  for (let cur: Element | null = start, i = 0; cur && cur !== body && i < MAX_UP; prev = cur, cur = cur.parentElement, i++) {
    if (cur.localName === 'main' || cur.localName === 'html' || isChrome(cur)) break;
    if (isCard(cur) && nameElementIn(cur)) return cur;
    const h = headingCount(cur, page);
    if (h === 1) {
      // The page's own h1 names the page, not a card.
      if (cur.matches('h1') || cur.querySelector('h1')) break;
      return cur;
    }
    if (h > 1) {
      if (prev && prev !== start.ownerDocument?.body && precedingHeading(prev)) return prev;
      break;
    }
  }
  return body;
}

function pageName(page: PageContext): { name?: string; anchor?: Element } {
  const doc = page.document;
  const h1 = doc.querySelector('h1');
  const h1Text = h1 ? usableName(textOf(h1)) : undefined;
  if (h1 && h1Text && !GENERIC_TITLES.test(h1Text) && h1Text.length <= 120) return { name: h1Text, anchor: h1 };
  const site = usableName(doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content') ?? '');
  if (site) return { name: site, anchor: h1 ?? undefined };
  const parts = clean(doc.title)
    .split(/\s+[|–—-]\s+|\s*[|·]\s*/)
    .map((p) => usableName(p))
    .filter((p): p is string => !!p && !GENERIC_TITLES.test(p));
  if (parts[0]) return { name: parts[0], anchor: h1 ?? undefined };
  return h1Text ? { name: h1Text, anchor: h1! } : {};
}

function skipped(node: Node, stopAt: Node): boolean {
  for (let el = node.parentElement; el && el !== stopAt.parentElement; el = el.parentElement) {
    if (SKIP_SUBTREE.has(el.localName)) return true;
    if (el.getAttribute('contenteditable') === 'true' || el.hasAttribute('data-callmark-ignore')) return true;
    if (el.localName.startsWith('callmark-')) return true;
  }
  return false;
}

interface Find {
  el: Element;
  phones: string[];
  label: boolean;
}

/** Phones and INN/OGRN labels in the text nodes under `root`. */
function findsIn(root: Node, page: PageContext): Find[] {
  const doc = root.ownerDocument ?? (root as Document);
  const out: Find[] = [];
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue ?? '';
    const label = LABEL.test(text);
    const digits = (text.match(/\d/g) ?? []).length;
    if (!label && digits < 7) continue;
    const parent = n.parentElement;
    if (!parent || skipped(n, doc.documentElement)) continue;
    if (parent.closest(TEL)) continue; // the link's href is read instead
    const phones = digits >= 7 ? extractPhones(text, country(page)).map((p) => p.raw) : [];
    if (phones.length || label) out.push({ el: parent, phones, label });
  }
  const rootEl = isElement(root) ? root : null;
  const links = rootEl ? [...(rootEl.matches(TEL) ? [rootEl] : []), ...Array.from(rootEl.querySelectorAll(TEL))] : Array.from((root as Document).querySelectorAll(TEL));
  for (const a of links) {
    const num = telNumber(a.getAttribute('href'));
    if (num && !skipped(a, doc.documentElement)) out.push({ el: a, phones: [num], label: false });
  }
  return out;
}

/** INN/OGRN written after a label in `el`'s text, the label possibly in its own element ("<dt>ИНН</dt><dd>…</dd>"). */
function idsNear(el: Element): { inn?: string; ogrn?: string } {
  let text = textOf(el);
  // The number may sit in the next element: take a little following text.
  let next: Node | null = el;
  for (let i = 0; i < 4 && text.length < 80; i++) {
    next = next.nextSibling ?? next.parentNode?.nextSibling ?? null;
    if (!next) break;
    text += ' ' + clean(next.textContent);
  }
  return { inn: extractInn(text), ogrn: extractOgrn(text) };
}

function readBlock(block: Element, page: PageContext): FoundListing | null {
  const body = page.document.body;
  const phones: string[] = [];
  let inn: string | undefined;
  let ogrn: string | undefined;
  let firstFind: Element | undefined;
  for (const f of findsIn(block, page)) {
    if (blockFor(f.el, page) !== block) continue; // it belongs to a card inside this block
    firstFind ??= f.el;
    phones.push(...f.phones);
    if (f.label && (!inn || !ogrn)) {
      const ids = idsNear(f.el);
      inn ??= ids.inn;
      ogrn ??= ids.ogrn;
    }
  }
  const unique = uniquePhones(phones);
  if (!unique.length && !inn && !ogrn) return null;

  let name: string | undefined;
  let anchor: Element | undefined;
  if (block === body) {
    ({ name, anchor } = pageName(page));
  } else {
    anchor = nameElementIn(block) ?? precedingHeading(block);
    name = anchor === block ? usableName(block.getAttribute('aria-label') ?? '') : anchor ? usableName(textOf(anchor)) : undefined;
  }
  if (!name) return null;
  return {
    root: block,
    anchor: anchor ?? firstFind ?? block,
    data: compact({
      directory: 'generic',
      name,
      phones: unique,
      inn,
      ogrn,
      url: block === body ? page.url.href.replace(/#.*$/, '') : undefined,
    }),
  };
}

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  name: 'Any site',
  // Hosts come from the user's settings at runtime (optional permissions).
  matches: [],
  appliesTo: (url) => /^https?:$/.test(url.protocol),
  // Used only by a detector that ignores `scan`: read() climbs from the link to its block.
  listingSelector: TEL,
  scan(root, page) {
    const blocks = new Set<Element>();
    for (const f of findsIn(root as Node, page)) blocks.add(blockFor(f.el, page));
    return [...blocks];
  },
  read(root, page) {
    if (!isElement(root)) return null;
    return readBlock(blockFor(root, page), page);
  },
  testUrls: [
    'https://example.com/contacts',
    'https://www.romashka-opt.ru/kontakty/',
    'http://localhost:8080/company/42',
    'https://yandex.ru/pogoda/moscow',
    'https://www.google.com/search?q=plumber',
  ],
};
