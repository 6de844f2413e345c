import type { Page, Worker } from '@playwright/test';
import { RELEASE_DIR, expect, launchWithExtension, readFixture, routePage, test } from './fixtures';
import { LIST_URL, searchBase, seedCall } from './overlay-helpers';

/**
 * Hostile pages (issue 11): names and addresses holding markup, script, RTL
 * overrides, zero-width characters, emoji and 10,000 characters; a page that
 * patches the DOM's prototypes and takes our element names; a page that posts
 * messages and fires events at us; a page that fights the badges back.
 * The page is test/fixtures/hostile/2gis-hostile.html, served as 2GIS.
 */

const HOSTILE = readFixture('hostile/2gis-hostile.html');
const LISTINGS = 7;
const firm = (n: number, name = `Фирма ${n}`) => ({ id: `7000000110000000${n}`, name });
const NOTE = `<img src=x onerror="window.__pwned='note'">\u202Eзаметка${'Ж'.repeat(9000)}`;

/** Every badge host on the page, whatever name it had to take (a page may own `callmark-badge`). */
const hostsOf = (page: Page) => page.locator('[data-status]');

/** Sum of calls over the base. */
async function callTotal(worker: Worker): Promise<number> {
  return (await searchBase(worker, '')).reduce((n, c) => n + c.callCount, 0);
}

/** The page's own script, run before the content script: it patches what a hostile page would. */
const PATCHES = `<script>
  window.__seen = [];
  const note = (what) => window.__seen.push(what);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { note('attachShadow'); return attach.call(this, { ...init, mode: 'open' }); };
  window.MutationObserver = class { constructor() { note('MutationObserver'); } observe() {} disconnect() {} takeRecords() { return []; } };
  const listen = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (...args) { note('addEventListener:' + args[0]); return listen.apply(this, args); };
  const push = Array.prototype.push;
  Array.prototype.push = function (...items) { if (items.some((i) => i && typeof i === 'object' && 'directory' in i)) note('push'); return push.apply(this, items); };
  window.__stringify = JSON.stringify;
  window.JSON = { parse() { note('JSON.parse'); throw new Error('no'); }, stringify() { note('JSON.stringify'); throw new Error('no'); } };
  // Our element names, taken: the constructor grabs the shadow root before we can.
  for (const tag of ['callmark-badge', 'callmark-layer']) {
    customElements.define(tag, class extends HTMLElement { constructor() { super(); note('upgraded:' + tag); attach.call(this, { mode: 'open' }); } });
  }
</script>`;

test.describe('a hostile page', () => {
  test('shows markup, script, RTL, zero-width, emoji and 10,000-character text as text, in a layout that holds', async ({ context, serviceWorker }) => {
    await seedCall(serviceWorker, firm(1), { outcome: 'refused', reason: '<b>дорого</b>\u202Eвсё', note: NOTE });
    await seedCall(serviceWorker, firm(3), { outcome: 'client', note: '\u202Eтекст справа налево' });
    await seedCall(serviceWorker, firm(6), { outcome: 'interested', note: 'Очень'.repeat(1800) });
    // The page's own !important rules against our hosts lose to the badge's inline !important look.
    const FIGHT = '<style>callmark-badge{display:none!important;position:absolute!important;width:0!important;visibility:hidden!important}</style>';
    await routePage(context, 'https://2gis.ru/**', HOSTILE.replace('</head>', `${FIGHT}</head>`));
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(LIST_URL);
    const hosts = hostsOf(page);
    await expect(hosts).toHaveCount(LISTINGS);
    await expect(page.locator('[data-status="refused"]')).toHaveCount(1);

    // The names are read as the page shows them: text.
    const names = await hosts.evaluateAll((all) => all.map((h) => h.getAttribute('data-name') ?? ''));
    expect(names[0]).toBe(`<img src=x onerror="window.__pwned='name'">`);
    expect(names[1]).toBe(`"><script>window.__pwned='script'</script> Бар`);
    expect(names[2]).toContain('\u202E');
    expect(names[4]).toContain('👨‍👩‍👧');
    expect(names[5]!.length).toBeLessThanOrEqual(500); // bounded on the way in

    // Every badge keeps its small size, whatever its listing's name.
    for (const box of await hosts.evaluateAll((all) => all.map((h) => h.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.width).toBeGreaterThan(8);
      expect(box.width).toBeLessThanOrEqual(16 * 11 + 2);
      expect(box.height).toBeLessThanOrEqual(20);
    }

    // The tooltip of the long-named, long-noted listing: one clipped title line, a clamped note, a bounded box.
    const tip = page.locator('callmark-layer .tip');
    await hosts.nth(5).hover();
    await expect(tip).toBeVisible();
    let tipBox = (await tip.boundingBox())!;
    expect(tipBox.width).toBeLessThanOrEqual(322);
    expect(tipBox.height).toBeLessThanOrEqual(260);
    expect(await tip.locator('.n').evaluate((n) => n.scrollWidth > n.clientWidth && getComputedStyle(n).textOverflow === 'ellipsis')).toBe(true);

    // The hostile note and reason: text in the tooltip, nothing made of them.
    await hosts.nth(0).hover();
    await expect(tip).toContainText(`<img src=x onerror=`);
    await expect(tip).toContainText('<b>дорого</b>');
    tipBox = (await tip.boundingBox())!;
    expect(tipBox.height).toBeLessThanOrEqual(260);
    expect(await page.locator('callmark-layer').evaluate((l) => l.shadowRoot!.querySelectorAll('img,script,b').length)).toBe(0);

    // RTL is isolated: the override inside the name does not reorder our own words around it.
    await hosts.nth(2).hover();
    const bdi = tip.locator('.n bdi');
    await expect(bdi).toContainText('Кофейня');
    expect(await bdi.evaluate((b) => getComputedStyle(b).unicodeBidi)).toBe('isolate');

    // The menu of a name with script in it: a one-line title, the same text, and a call logs under that name.
    await hosts.nth(1).locator('button').click();
    const menu = page.locator('callmark-layer .menu');
    await expect(menu).toBeVisible();
    const title = menu.locator('h2');
    await expect(title).toHaveText(`"><script>window.__pwned='script'</script> Бар`);
    expect((await menu.boundingBox())!.width).toBeLessThanOrEqual(282);
    expect((await title.boundingBox())!.height).toBeLessThanOrEqual(20);
    await menu.locator('[data-outcome="no_answer"]').click();
    await expect(page.locator('[data-status="no_answer"]')).toHaveCount(1);
    const stored = await searchBase(serviceWorker, 'Бар');
    expect(stored.map((c) => c.name)).toContain(`"><script>window.__pwned='script'</script> Бар`);

    // Nothing of it ever ran.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('that patches the DOM, takes our element names and posts messages at us: detection works, nothing of ours reaches its patches, nothing is logged', async ({ context, serviceWorker }) => {
    await seedCall(serviceWorker, firm(1), { outcome: 'refused', reason: 'дорого' });
    await routePage(context, 'https://2gis.ru/**', HOSTILE.replace('<!--PATCHES-->', PATCHES));
    const page = await context.newPage();
    await page.goto(LIST_URL);
    await expect(hostsOf(page)).toHaveCount(LISTINGS);
    await expect(page.locator('[data-status="refused"]')).toHaveCount(1);
    // The page's prototypes are its own world's: our content script never went through them.
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.filter((s) => !s.startsWith('upgraded:'))).toEqual([]);
    // The tooltip and menu still work with the page owning `callmark-layer`.
    await hostsOf(page).first().hover();
    await expect(page.locator('[data-status]').first()).toBeVisible();

    // The page tries to talk to the base: protocol-shaped window messages, DOM events, a synthetic click and keys.
    const before = await callTotal(serviceWorker);
    await page.evaluate(() => {
      const message = { type: 'logCall', payload: { listing: { directory: '2gis', name: 'Взлом', phones: [] }, call: { outcome: 'client' } } };
      for (let i = 0; i < 20; i++) {
        window.postMessage(message, '*');
        window.postMessage((window as unknown as { __stringify: typeof JSON.stringify }).__stringify(message), '*');
        document.dispatchEvent(new CustomEvent('callmark', { detail: message, bubbles: true }));
        document.dispatchEvent(new CustomEvent('logCall', { detail: message, bubbles: true }));
      }
      const host = document.querySelector('[data-status]') as HTMLElement;
      host.click();
      for (const key of ['1', '2', 'Enter']) host.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true, composed: true }));
    });
    await page.waitForTimeout(1500);
    expect(await callTotal(serviceWorker)).toBe(before);
    expect((await searchBase(serviceWorker, 'Взлом')).length).toBe(0);
  });

  test('that patches the DOM cannot open our shadow roots in the release build', async () => {
    const context = await launchWithExtension(RELEASE_DIR);
    try {
      await context.route(/^https?:\/\/(?!2gis\.ru)/, (route) => route.abort());
      await routePage(context, 'https://2gis.ru/**', HOSTILE.replace('<!--PATCHES-->', PATCHES));
      const page = await context.newPage();
      await page.goto(LIST_URL);
      const hosts = page.locator('xpath=//*[starts-with(local-name(), "callmark-badge")]');
      await expect(hosts).toHaveCount(LISTINGS);
      const seen = await page.evaluate(() => ({
        log: (window as unknown as { __seen: string[] }).__seen.filter((s) => !s.startsWith('upgraded:')),
        // Our hosts (under whichever name they took): no open root, no attribute but their look, the same on every badge.
        ours: [...document.querySelectorAll('*')]
          .filter((e) => e.localName.startsWith('callmark-') && !e.shadowRoot?.mode)
          .map((e) => ({ open: e.shadowRoot !== null, attrs: e.getAttributeNames().filter((a) => a !== 'style').length, style: e.localName.startsWith('callmark-badge') ? e.getAttribute('style') : null })),
      }));
      expect(seen.log).toEqual([]);
      expect(seen.ours.length).toBeGreaterThanOrEqual(LISTINGS);
      expect(seen.ours.every((o) => !o.open && o.attrs === 0)).toBe(true);
      const looks = new Set(seen.ours.filter((o) => o.style !== null).map((o) => o.style));
      expect(looks.size).toBe(1);
      expect([...looks][0]).toMatch(/^all:initial!important;display:inline-block!important/);
    } finally {
      await context.close();
    }
  });

  test('that fights back (re-renders its list every 500 ms, moves cards, removes badges) gets its badges back at a bounded rate', async ({ context, serviceWorker }) => {
    await seedCall(serviceWorker, firm(1), { outcome: 'refused', reason: 'дорого' });
    const FIGHT = readFixture('hostile/fight.html');
    await routePage(context, 'https://2gis.ru/**', HOSTILE.replace('<!--PATCHES-->', FIGHT));
    const page = await context.newPage();
    await page.goto(LIST_URL);
    await page.waitForTimeout(15_000);
    const fight = await page.evaluate(() => {
      (window as unknown as { __stopFight(): void }).__stopFight();
      return (window as unknown as { __fight: { rerenders: number; removed: number } }).__fight;
    });
    expect(fight.rerenders).toBeGreaterThanOrEqual(20);
    expect(fight.removed).toBeGreaterThan(LISTINGS);
    // Left alone, the page shows the truth at once.
    await expect(hostsOf(page)).toHaveCount(LISTINGS);
    await expect(page.locator('[data-status="refused"]')).toHaveCount(1);
    const stats = JSON.parse((await page.locator('html').getAttribute('data-callmark-stats'))!) as { renders: number; lookups: number; restores: number };
    // One draw per listing per re-render, plus at most three quick returns per drawn badge: no loop.
    expect(stats.renders).toBeLessThanOrEqual(LISTINGS * (fight.rerenders + 2) * 4);
    // Re-rendered cards of the same listings need no new lookup.
    expect(stats.lookups).toBeLessThanOrEqual(3);
  });
});
