import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../../lib/ui/i18n';
import { shortDate } from '../../../lib/ui/format';
import { createBadgeRenderer, type BadgeSubject } from '../../../lib/ui/badge';
import type { LookupResult } from '../../../lib/model/lookup';
import { resultFor } from '../detect/helpers';

let dom: JSDOM;
let document: Document;
let location: Location;
let MouseEvent: typeof globalThis.MouseEvent;

const ID = '00000000-0000-4000-8000-000000000001';
const ID2 = '00000000-0000-4000-8000-000000000002';

function subject(name: string, result?: LookupResult): BadgeSubject {
  const card = document.createElement('div');
  card.innerHTML = `<a href="/firm/1" class="name">${name}</a><span class="addr">Address</span>`;
  document.body.appendChild(card);
  return { key: name, anchor: card.querySelector('.name')!, data: { directory: 'test', name, phones: [] }, result };
}

const refused = (): LookupResult => {
  const r = resultFor('Кафе Ромашка', { id: ID, status: 'refused', statusReason: 'дорого', callCount: 2 });
  r.company!.lastCall = { at: '2025-03-01T10:00:00.000Z', outcome: 'refused', reason: 'дорого', note: 'секретная заметка', manager: 'Аня' };
  return r;
};

describe('badges', () => {
  beforeEach(() => {
    dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://example.test/list' });
    document = dom.window.document;
    location = dom.window.location;
    MouseEvent = dom.window.MouseEvent;
  });

  it('in test builds: a callmark-badge right after the name, open shadow root, status/match/name attributes', () => {
    const r = createBadgeRenderer({ document, locale: 'ru', testHooks: true });
    const s = subject('Кафе Ромашка', refused());
    r.render(s);
    const host = s.anchor.nextElementSibling as HTMLElement;
    expect(host.localName).toBe('callmark-badge');
    expect(host.dataset).toMatchObject({ status: 'refused', match: 'exact', name: 'Кафе Ромашка' });
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe(`Callmark: ${t('status_refused')} — дорого`);
    expect(button.textContent).toContain(t('status_refused'));
  });

  it('in release builds: a closed shadow root, and no status, reason or note anywhere in the page DOM', () => {
    const r = createBadgeRenderer({ document, locale: 'ru', testHooks: false });
    const s = subject('Кафе Ромашка', refused());
    r.render(s);
    const host = s.anchor.nextElementSibling as HTMLElement;
    expect(host.localName).toBe('callmark-badge');
    expect(host.shadowRoot).toBeNull();
    // Its one attribute, its look, is the same for every badge: it says nothing of the status.
    expect([...host.attributes].map((a) => a.name)).toEqual(['style']);
    const other = subject('Новая фирма');
    r.render(other);
    expect(host.getAttribute('style')).toBe((other.anchor.nextElementSibling as HTMLElement).getAttribute('style'));
    const page = document.documentElement.outerHTML;
    for (const secret of ['refused', 'дорого', 'секретная', 'Аня']) expect(page).not.toContain(secret);
    expect(host.textContent).toBe('');
  });

  it('never duplicates a badge on re-render, and follows the anchor when the page re-renders the name', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const s = subject('Alpha', resultFor('Alpha'));
    r.render(s);
    r.render(s);
    r.render(s);
    expect(document.querySelectorAll('callmark-badge')).toHaveLength(1);
    const fresh = document.createElement('a');
    fresh.textContent = 'Alpha';
    s.anchor.replaceWith(fresh);
    s.anchor = fresh;
    r.render(s);
    expect(document.querySelectorAll('callmark-badge')).toHaveLength(1);
    expect(fresh.nextElementSibling?.localName).toBe('callmark-badge');
  });

  it('shows match quality: "?" and a dashed look for a likely match, "2?" for several candidates', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const likely = resultFor('Alpha', { id: ID, status: 'client' });
    likely.match = 'likely';
    likely.candidates[0]!.confidence = 'likely';
    const several: LookupResult = {
      ...resultFor('Beta', { id: ID, status: 'interested' }),
      match: 'several',
    };
    several.candidates.push({ companyId: ID2, confidence: 'exact', via: ['phone'], differences: [], name: 'Beta 2' });
    const a = subject('Alpha', likely);
    const b = subject('Beta', several);
    r.render(a);
    r.render(b);
    const buttonOf = (s: BadgeSubject) => r.hostOf(s)!.shadowRoot!.querySelector('button')!;
    expect(r.hostOf(a)!.dataset.match).toBe('likely');
    expect(buttonOf(a).dataset.m).toBe('likely');
    expect(buttonOf(a).getAttribute('data-q')).toBe('?'); // shown by ::after
    expect(buttonOf(a).getAttribute('aria-label')).toContain(t('badge_likely'));
    expect(r.hostOf(b)!.dataset.match).toBe('several');
    expect(buttonOf(b).getAttribute('data-q')).toBe('2?');
  });

  it('compact badges show the icon (a call-back its date too), switched for every badge at once, words kept for screen readers', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const a = subject('Alpha', refused());
    const b = subject('Beta', resultFor('Beta', { id: ID2, status: 'callback', callbackAt: '2025-03-12T10:00:00.000Z' }));
    r.render(a);
    r.render(b);
    const buttonOf = (s: BadgeSubject) => r.hostOf(s)!.shadowRoot!.querySelector('button')!;
    expect(buttonOf(a).textContent).toBe(`✕ ${t('status_refused')}`);
    const date = shortDate('2025-03-12T10:00:00.000Z', 'en');
    expect(buttonOf(b).textContent).toBe(`↻ ${t('status_callbackOn', date)}`);
    r.setSize('compact');
    expect(buttonOf(a).textContent).toBe('✕');
    expect(buttonOf(b).textContent).toBe(`↻ ${date}`);
    expect(buttonOf(a).getAttribute('aria-label')).toBe(`Callmark: ${t('status_refused')} — дорого`);
    const c = subject('Gamma', resultFor('Gamma'));
    r.render(c); // drawn after the switch: compact too
    expect(buttonOf(c).textContent).toBe('+');
    r.setSize('normal');
    expect(buttonOf(a).textContent).toBe(`✕ ${t('status_refused')}`);
    expect(buttonOf(c).textContent).toBe(`+ ${t('status_new')}`);
  });

  it('marks stale companies and listings that differ from the base', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const result = resultFor('Alpha', { id: ID, status: 'interested', callCount: 1, confirmedAt: '2020-01-01T00:00:00.000Z' });
    result.company!.stale = true;
    result.candidates[0]!.differences = ['phone'];
    const s = subject('Alpha', result);
    r.render(s);
    const button = r.hostOf(s)!.shadowRoot!.querySelector('button')!;
    expect(button.hasAttribute('data-st')).toBe(true);
    expect(button.hasAttribute('data-d')).toBe(true);
    expect(button.getAttribute('aria-label')).toMatch(new RegExp(`${t('badge_stale')}.*${t('badge_changed')}`));
  });

  it('shows a pending status at once and drops it when told', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const s = subject('Alpha', resultFor('Alpha'));
    r.render(s);
    r.setPending(s, { status: 'client' });
    expect(r.hostOf(s)!.dataset.status).toBe('client');
    r.setPending(s, undefined);
    expect(r.hostOf(s)!.dataset.status).toBe('new');
  });

  it('draws what was prepared, unless the result or a pending status changed since', () => {
    const r = createBadgeRenderer({ document, locale: 'ru', testHooks: true });
    const s = subject('Кафе Ромашка', refused());
    r.prepare(s);
    r.render(s);
    expect(r.hostOf(s)!.dataset.status).toBe('refused');
    const t2 = subject('Кафе Лилия', refused());
    r.prepare(t2);
    t2.result = resultFor('Кафе Лилия', { id: ID2, status: 'client', callCount: 1 });
    r.render(t2);
    expect(r.hostOf(t2)!.dataset.status).toBe('client');
    r.prepare(t2);
    r.setPending(t2, { status: 'refused', reason: 'дорого' });
    expect(r.hostOf(t2)!.dataset.status).toBe('refused');
    r.setPending(t2, undefined);
    expect(r.hostOf(t2)!.dataset.status).toBe('client');
  });

  it('takes its own clicks and keys: the card link under it neither navigates nor hears them', () => {
    const onActivate = vi.fn();
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true, onActivate });
    const card = document.createElement('a');
    card.href = '#card';
    card.innerHTML = '<h3 class="name">Alpha</h3>';
    document.body.appendChild(card);
    const cardClicks = vi.fn();
    card.addEventListener('click', cardClicks);
    card.addEventListener('mousedown', cardClicks);
    const s: BadgeSubject = { key: 'a', anchor: card.querySelector('.name')!, data: { directory: 't', name: 'Alpha', phones: [] }, result: resultFor('Alpha') };
    r.render(s);
    const host = r.hostOf(s)!;
    const button = host.shadowRoot!.querySelector('button')!;
    button.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true }));
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    button.dispatchEvent(click);
    expect(onActivate).toHaveBeenCalledTimes(1);
    expect(onActivate.mock.calls[0]![0]).toBe(s);
    expect(onActivate.mock.calls[0]![1]).toBe(host);
    expect(click.defaultPrevented).toBe(true);
    expect(cardClicks).not.toHaveBeenCalled();
    expect(location.hash).toBe('');
  });

  it('is a focusable button and reports hover and focus', () => {
    const onHover = vi.fn();
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true, onHover });
    const s = subject('Alpha', resultFor('Alpha'));
    r.render(s);
    const button = r.hostOf(s)!.shadowRoot!.querySelector('button')!;
    expect(button.type).toBe('button');
    button.focus();
    expect(r.hostOf(s)!.shadowRoot!.activeElement).toBe(button);
    expect(onHover.mock.lastCall![0]).toBe(s);
    expect(onHover.mock.lastCall![1]).toBe(r.hostOf(s));
    button.blur();
    expect(onHover.mock.lastCall![0]).toBeNull();
  });

  it('styles each badge inline, with no stylesheet in its shadow root: the same look for every new listing, a status’s colours on a known one', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const a = subject('Alpha');
    const b = subject('Beta');
    const c = subject('Кафе Ромашка', refused());
    for (const x of [a, b, c]) r.render(x);
    const button = (x: BadgeSubject) => r.hostOf(x)!.shadowRoot!.querySelector('button')!;
    for (const x of [a, b, c]) {
      const root = r.hostOf(x)!.shadowRoot!;
      expect(root.adoptedStyleSheets?.length ?? 0).toBe(0);
      expect(root.querySelector('style')).toBeNull();
    }
    expect(button(a).getAttribute('style')).toBe(button(b).getAttribute('style'));
    expect(button(a).getAttribute('style')).toContain('background:#f8fafc');
    expect(button(c).getAttribute('style')).toContain('border-color:#dc2626');
    expect(button(c).getAttribute('style')).toContain('font-weight:600');
    // The browser's own focus ring is kept.
    expect(button(a).getAttribute('style')).toContain('outline:revert');
    // Logged as a client: the colours follow.
    c.result = resultFor('Кафе Ромашка', { id: ID, status: 'client' });
    r.render(c);
    expect(button(c).getAttribute('style')).toContain('border-color:#16a34a');
    expect(button(c).getAttribute('style')).not.toContain('#dc2626');
  });

  it('host styles keep it inline and small, and win over the page’s own !important rules', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const s = subject('Alpha', resultFor('Alpha'));
    r.render(s);
    const host = r.hostOf(s)!.getAttribute('style')!.replace(/\s/g, '');
    for (const decl of ['all:initial!important', 'display:inline-block!important', 'vertical-align:middle!important', 'position:static!important', 'float:none!important']) {
      expect(host).toContain(decl);
    }
    expect(host).not.toMatch(/position:(absolute|fixed|relative)/);
    // That the page's own !important rules lose to them is checked in Chromium (e2e/hostile):
    // jsdom lets any inline declaration win.
  });

  it('unrender removes the badge', () => {
    const r = createBadgeRenderer({ document, locale: 'en', testHooks: true });
    const s = subject('Alpha', resultFor('Alpha'));
    r.render(s);
    expect(r.isRendered(s)).toBe(true);
    r.unrender(s);
    expect(document.querySelector('callmark-badge')).toBeNull();
    expect(r.isRendered(s)).toBe(false);
  });
});
