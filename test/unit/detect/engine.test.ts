import { describe, expect, it } from 'vitest';
import { createDetector, pageKey, type Listing, type Timing } from '../../../lib/detect/engine';
import { card, drain, fakeLookup, makeDom, ManualScheduler, microtasks, testAdapter } from './helpers';

function setup(body: string, opts: { timing?: Partial<Timing>; known?: Parameters<typeof fakeLookup>[0]; adapter?: ReturnType<typeof testAdapter>; soon?: boolean } = {}) {
  const dom = makeDom(body);
  const doc = dom.window.document;
  const scheduler = new ManualScheduler();
  if (opts.soon) scheduler.enableSoon();
  const adapter = opts.adapter ?? testAdapter();
  const api = fakeLookup(opts.known);
  const drawn = new Map<string, Element>();
  const renders: string[] = [];
  const prepares: string[] = [];
  const unrenders: string[] = [];
  const detector = createDetector({
    adapter,
    document: doc,
    scheduler,
    lookup: api.lookup,
    timing: opts.timing,
    prepare: (l: Listing) => void prepares.push(l.data.name),
    render(l: Listing) {
      renders.push(l.data.name);
      let el = drawn.get(l.key);
      if (!el) {
        el = doc.createElement('callmark-badge');
        drawn.set(l.key, el);
      }
      el.textContent = l.result?.company?.status ?? 'new';
      l.anchor.after(el);
    },
    unrender(l: Listing) {
      unrenders.push(l.data.name);
      drawn.get(l.key)?.remove();
      drawn.delete(l.key);
    },
    isRendered: (l) => drawn.get(l.key)?.isConnected === true,
    isOwnNode: (n) => n.nodeType === 1 && (n as Element).localName === 'callmark-badge',
  });
  const badges = () => [...doc.querySelectorAll('callmark-badge')];
  const badgeNames = () => badges().map((b) => b.previousElementSibling?.textContent);
  const addCard = (id: string, name: string, parent: Element = doc.body) => {
    const holder = doc.createElement('div');
    holder.innerHTML = card(id, name);
    const el = holder.firstElementChild!;
    parent.appendChild(el);
    return el;
  };
  return { dom, doc, scheduler, adapter, api, detector, badges, badgeNames, renders, prepares, unrenders, addCard };
}

describe('detector', () => {
  it('finds every listing on the first scan, with one lookup, and badges each after its name', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta') + '<div class="card"></div>' + card('3', 'Gamma'), {
      known: { Beta: { id: '00000000-0000-4000-8000-000000000002', status: 'refused' } },
    });
    t.detector.start();
    await drain(t.scheduler);
    expect(t.api.batches).toHaveLength(1);
    expect(t.api.batches[0]!.map((l) => l.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(t.badges().map((b) => b.textContent)).toEqual(['new', 'refused', 'new']);
    expect(t.detector.listings().map((l) => l.data.siteId)).toEqual(['1', '2', '3']);
  });

  it('defers work: nothing is read before the cooldown has passed and the main thread is idle', async () => {
    const t = setup('');
    t.detector.start();
    await drain(t.scheduler);
    const reads = t.adapter.readCount;
    t.addCard('1', 'Alpha');
    await microtasks();
    expect(t.adapter.readCount).toBe(reads);
    expect(t.scheduler.idles.size).toBe(0); // still in the cooldown
    t.scheduler.advance(60);
    expect(t.scheduler.idles.size).toBe(1); // now waiting for idle time
    expect(t.adapter.readCount).toBe(reads);
    t.scheduler.runIdle();
    expect(t.adapter.readCount).toBe(reads + 1);
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
  });

  it('sends one lookup for a burst of many mutations', async () => {
    const t = setup('<main id="list"></main>');
    t.detector.start();
    await drain(t.scheduler);
    const list = t.doc.getElementById('list')!;
    for (let i = 0; i < 60; i++) {
      t.addCard(String(i), `Firm ${i}`, list);
      await microtasks(2); // each append is its own mutation record batch
      t.scheduler.advance(3);
    }
    await drain(t.scheduler);
    expect(t.api.batches).toHaveLength(1);
    expect(t.api.batches[0]).toHaveLength(60);
    expect(t.badges()).toHaveLength(60);
  });

  it('starts work by the maximum wait even while mutations keep coming', async () => {
    const t = setup('<main id="list"></main>', { timing: { cooldown: 50, maxWait: 300 } });
    t.detector.start();
    await drain(t.scheduler);
    const list = t.doc.getElementById('list')!;
    let seen = -1;
    for (let i = 0; i < 40; i++) {
      t.addCard(String(i), `Firm ${i}`, list);
      await microtasks(2);
      t.scheduler.advance(20); // faster than the cooldown, for 800 ms
      if (t.scheduler.idles.size && seen < 0) seen = t.scheduler.time;
      t.scheduler.runIdle();
      await microtasks();
    }
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(320);
    expect(t.api.batches.length).toBeGreaterThanOrEqual(1);
  });

  it('splits more than maxBatch listings into batches of at most maxBatch', async () => {
    const cards = Array.from({ length: 2500 }, (_, i) => card(String(i), `Firm ${i}`)).join('');
    const t = setup(cards);
    t.detector.start();
    await drain(t.scheduler, 2000);
    expect(t.api.batches.map((b) => b.length)).toEqual([1000, 1000, 500]);
    expect(t.badges()).toHaveLength(2500);
  });

  it('works in slices: no slice runs past its budget by more than one item', async () => {
    const slow = testAdapter();
    const read = slow.read.bind(slow);
    const t = setup(Array.from({ length: 100 }, (_, i) => card(String(i), `Firm ${i}`)).join(''), { adapter: slow, timing: { sliceMs: 10 } });
    slow.read = (root, page) => {
      t.scheduler.time += 1; // each read costs 1 ms
      return read(root, page);
    };
    t.detector.start();
    await drain(t.scheduler, 2000);
    expect(t.badges()).toHaveLength(100);
    expect(t.detector.stats.slices).toBeGreaterThanOrEqual(10);
    expect(t.detector.stats.longestSliceMs).toBeLessThanOrEqual(11);
  });

  it('goes on reading in tasks of its own, not one slice per idle period, and stops when stopped', async () => {
    const slow = testAdapter();
    const read = slow.read.bind(slow);
    const t = setup(Array.from({ length: 100 }, (_, i) => card(String(i), `Firm ${i}`)).join(''), { adapter: slow, timing: { sliceMs: 10 }, soon: true });
    slow.read = (root, page) => {
      t.scheduler.time += 1;
      return read(root, page);
    };
    t.detector.start();
    await microtasks();
    t.scheduler.advance(1000); // past the start's debounce
    expect(t.scheduler.runIdle()).toBe(1); // the first slice waits for an idle period…
    let continued = 0;
    for (let i = 0; i < 20 && t.scheduler.soons.size > 0; i++) continued += t.scheduler.runSoon(); // …the rest follow at once
    expect(continued).toBeGreaterThanOrEqual(9);
    expect(t.scheduler.idles.size).toBe(0);
    expect(t.detector.stats.longestSliceMs).toBeLessThanOrEqual(11);
    await drain(t.scheduler, 2000);
    expect(t.badges()).toHaveLength(100);

    // Stopped mid-read: the queued continuation does nothing.
    const u = setup(Array.from({ length: 100 }, (_, i) => card(String(i), `Firm ${i}`)).join(''), { adapter: slow, timing: { sliceMs: 10 }, soon: true });
    slow.read = (root, page) => {
      u.scheduler.time += 1;
      return read(root, page);
    };
    u.detector.start();
    await microtasks();
    u.scheduler.advance(1000);
    u.scheduler.runIdle();
    expect(u.scheduler.soons.size).toBe(1);
    u.detector.stop();
    expect(u.scheduler.soons.size).toBe(0);
  });

  it('prepares each badge when its answer comes, and draws it in a later task (the frame)', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'));
    t.detector.start();
    t.scheduler.advance(1000);
    t.scheduler.runIdle();
    expect(t.api.batches).toHaveLength(1);
    await microtasks();
    expect(t.prepares).toEqual(['Alpha', 'Beta']);
    expect(t.renders).toEqual([]);
    await drain(t.scheduler);
    expect(t.renders).toEqual(['Alpha', 'Beta']);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
  });

  it('a card the page adds in the task that draws the badges is still found: the frame sets its own insertions aside, not those of the page', async () => {
    const t = setup(card('1', 'Alpha'));
    t.detector.start();
    t.scheduler.advance(1000);
    t.scheduler.runIdle();
    await microtasks();
    expect(t.renders).toEqual([]);
    // The page appends a card, and the frame's task runs before its mutation is delivered.
    t.addCard('2', 'Beta');
    t.scheduler.advance(0);
    expect(t.badgeNames()).toEqual(['Alpha']);
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
    // A page script that removes a drawn badge is still seen, once the frame is over.
    t.badges()[0]!.remove();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
  });

  it('by default writes every ready badge in one frame', async () => {
    const t = setup(Array.from({ length: 700 }, (_, i) => card(String(i), `Firm ${i}`)).join(''));
    t.detector.start();
    await drain(t.scheduler, 2000);
    expect(t.badges()).toHaveLength(700);
    expect(t.detector.stats.frames).toBe(1);
  });

  it('spreads a real-sized page\'s badges over even frames of at most 25, each written at the start of its own frame', async () => {
    const t = setup(Array.from({ length: 76 }, (_, i) => card(String(i), `Firm ${i}`)).join(''));
    // Badges written by each task of the page (the frames have no other tasks' writes in them).
    const perTask: number[] = [];
    const timeout = t.scheduler.setTimeout;
    t.scheduler.setTimeout = (fn, ms) =>
      timeout(() => {
        const before = t.badges().length;
        fn();
        if (t.badges().length > before) perTask.push(t.badges().length - before);
      }, ms);
    t.detector.start();
    await drain(t.scheduler, 2000);
    expect(t.badges()).toHaveLength(76);
    expect(t.detector.stats.frames).toBe(4);
    expect(perTask).toEqual([19, 19, 19, 19]);
  });

  it('with a first-frame limit, writes the ready badges in a few frame-wide writes, never during its reading slices', async () => {
    const t = setup(Array.from({ length: 700 }, (_, i) => card(String(i), `Firm ${i}`)).join(''), { timing: { firstFrameDraws: 100 } });
    let inSlice = false;
    let drawnInSlice = 0;
    const idle = t.scheduler.idle;
    t.scheduler.idle = (fn, timeout) =>
      idle((deadline) => {
        inSlice = true;
        try {
          fn(deadline);
        } finally {
          inSlice = false;
        }
      }, timeout);
    const observer = new t.doc.defaultView!.MutationObserver((records) => {
      if (inSlice) drawnInSlice += records.length;
    });
    t.detector.start();
    observer.observe(t.doc.body, { childList: true, subtree: true });
    await drain(t.scheduler, 2000);
    observer.disconnect();
    expect(t.badges()).toHaveLength(700);
    expect(drawnInSlice).toBe(0);
    // Short frames: 100, then 200, then the 400 left.
    expect(t.detector.stats.frames).toBe(3);
  });

  it.each([
    ['a real-sized page (76 cards, spread frames)', 76, {}],
    ['a first-frame limit (700 cards, 100 first)', 700, { firstFrameDraws: 100 }],
  ])('with %s, on a page where a frame of badges is already long, draws all the rest in the next frame', async (_, cards, timing) => {
    const t = setup(Array.from({ length: cards }, (_, i) => card(String(i), `Firm ${i}`)).join(''), { timing });
    const timeout = t.scheduler.setTimeout;
    // The browser's rendering after a write: 40 ms on this page, whatever the number of badges.
    t.scheduler.setTimeout = (fn, ms) => timeout(fn, ms === 0 ? 40 : ms);
    t.detector.start();
    await drain(t.scheduler, 2000);
    expect(t.badges()).toHaveLength(cards);
    expect(t.detector.stats.frames).toBe(2);
  });

  it('handles each element once: unrelated mutations and moved cards cause no new reads, lookups or badges', async () => {
    const t = setup('<main id="list">' + card('1', 'Alpha') + card('2', 'Beta') + '</main><aside id="side"></aside>');
    t.detector.start();
    await drain(t.scheduler);
    const reads = t.adapter.readCount;
    const side = t.doc.getElementById('side')!;
    for (let i = 0; i < 5; i++) side.appendChild(t.doc.createElement('p'));
    // Move a known card: same element, same listing.
    const list = t.doc.getElementById('list')!;
    list.appendChild(list.firstElementChild!);
    await drain(t.scheduler);
    t.detector.navigate(); // same URL: a no-op
    await drain(t.scheduler);
    expect(t.adapter.readCount).toBe(reads);
    expect(t.api.batches).toHaveLength(1);
    expect(t.badges()).toHaveLength(2);
  });

  it('reads a card again when content is added inside it, and looks it up again only if its data changed', async () => {
    const t = setup(card('1', 'Alpha') + '<div class="card" data-id="2"><span class="later"></span></div>');
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
    // The second card's name renders late (a framework filling a skeleton).
    const late = t.doc.querySelector('[data-id="2"]')!;
    const name = t.doc.createElement('a');
    name.className = 'name';
    name.textContent = 'Beta';
    late.appendChild(name);
    // Something irrelevant added inside the first card.
    t.doc.querySelector('[data-id="1"]')!.appendChild(t.doc.createElement('i'));
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
    expect(t.api.batches.map((b) => b.map((l) => l.name))).toEqual([['Alpha'], ['Beta']]);
  });

  it('forgets listings that leave the page and removes their badges', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta') + card('3', 'Gamma'));
    t.detector.start();
    await drain(t.scheduler);
    t.doc.querySelector('[data-id="2"]')!.remove();
    await drain(t.scheduler);
    expect(t.detector.listings().map((l) => l.data.name)).toEqual(['Alpha', 'Gamma']);
    expect(t.unrenders).toEqual(['Beta']);
    expect(t.badgeNames()).toEqual(['Alpha', 'Gamma']);
  });

  it('puts back a badge the page removed, without a new lookup', async () => {
    const t = setup(card('1', 'Alpha'));
    t.detector.start();
    await drain(t.scheduler);
    t.badges()[0]!.remove(); // a page script clearing foreign nodes
    t.doc.body.appendChild(t.doc.createElement('p')); // our own removal is ignored; this one is not
    t.doc.body.lastElementChild!.remove();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
    expect(t.api.batches).toHaveLength(1);
  });

  it('respects data-callmark-ignore: no badge inside, removed when it appears, back when it goes', async () => {
    const t = setup('<section id="a">' + card('1', 'Alpha') + '</section><section id="b" data-callmark-ignore>' + card('2', 'Beta') + '</section>');
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
    // Cards added into the ignored part stay unbadged.
    t.addCard('3', 'Gamma', t.doc.getElementById('b')!);
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
    t.doc.getElementById('a')!.setAttribute('data-callmark-ignore', '');
    await drain(t.scheduler);
    expect(t.badges()).toHaveLength(0);
    t.doc.getElementById('b')!.removeAttribute('data-callmark-ignore');
    await drain(t.scheduler);
    expect(t.badgeNames().sort()).toEqual(['Beta', 'Gamma']);
  });

  it('never badges a name inside editable content', async () => {
    const t = setup('<div contenteditable="true">' + card('1', 'Alpha') + '</div>' + card('2', 'Beta'));
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Beta']);
  });

  it('after SPA navigation re-reads page data, finds the new listings and forgets the old', async () => {
    const t = setup('<main id="list">' + card('1', 'Alpha') + card('2', 'Beta') + '</main>');
    t.detector.start();
    await drain(t.scheduler);
    const firstPage = t.adapter.pages[0]!;
    firstPage.memo.set('state', 'old page');
    t.dom.window.history.pushState({}, '', '/list?page=2');
    const list = t.doc.getElementById('list')!;
    list.replaceChildren();
    t.addCard('3', 'Gamma', list);
    t.addCard('4', 'Delta', list);
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Gamma', 'Delta']);
    expect(t.detector.listings().map((l) => l.data.name)).toEqual(['Gamma', 'Delta']);
    const lastPage = t.adapter.pages.at(-1)!;
    expect(lastPage).not.toBe(firstPage);
    expect(lastPage.memo.size).toBe(0);
    expect(lastPage.url.search).toBe('?page=2');
  });

  it('after navigation that keeps a card, re-reads it with the new page and keeps its badge', async () => {
    const t = setup(card('1', 'Alpha'));
    t.detector.start();
    await drain(t.scheduler);
    const reads = t.adapter.readCount;
    t.dom.window.history.pushState({}, '', '/other');
    t.detector.navigate();
    await drain(t.scheduler);
    expect(t.adapter.readCount).toBe(reads + 1);
    expect(t.badgeNames()).toEqual(['Alpha']);
    expect(t.api.batches).toHaveLength(1); // same data: no new lookup
  });

  it('on a base change looks up again only the changed companies and the unmatched listings', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta') + card('3', 'Gamma'), {
      known: {
        Alpha: { id: '00000000-0000-4000-8000-00000000000a' },
        Beta: { id: '00000000-0000-4000-8000-00000000000b' },
      },
    });
    t.detector.start();
    await drain(t.scheduler);
    t.detector.refresh(['00000000-0000-4000-8000-00000000000b']);
    t.detector.refresh(['00000000-0000-4000-8000-00000000000b']); // two events, one request
    await drain(t.scheduler);
    expect(t.api.batches).toHaveLength(2);
    expect(t.api.batches[1]!.map((l) => l.name)).toEqual(['Beta', 'Gamma']);
    t.detector.refresh([]); // an import: everything
    await drain(t.scheduler);
    expect(t.api.batches[2]!.map((l) => l.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('redraws a badge when a re-lookup brings a new status, and not when nothing changed', async () => {
    const known: Record<string, { id: string; status?: 'new' | 'client' }> = { Alpha: { id: '00000000-0000-4000-8000-00000000000a' } };
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'), { known });
    t.detector.start();
    await drain(t.scheduler);
    const before = t.renders.length;
    known.Alpha!.status = 'client';
    t.detector.refresh(['00000000-0000-4000-8000-00000000000a']);
    await drain(t.scheduler);
    expect(t.renders.slice(before)).toEqual(['Alpha']);
    expect(t.badges()[0]!.textContent).toBe('client');
  });

  it('retries a failed lookup later', async () => {
    const t = setup(card('1', 'Alpha'));
    t.api.failNext();
    t.detector.start();
    await drain(t.scheduler);
    expect(t.api.batches).toHaveLength(2);
    expect(t.badgeNames()).toEqual(['Alpha']);
  });

  it('stop removes every badge and stops watching; start brings them back', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'));
    t.detector.start();
    await drain(t.scheduler);
    t.detector.stop();
    expect(t.badges()).toHaveLength(0);
    t.addCard('3', 'Gamma');
    await drain(t.scheduler);
    expect(t.badges()).toHaveLength(0);
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('one badge per name even when two roots read to the same anchor', async () => {
    const nested = testAdapter({ listingSelector: '.card, .card-inner' });
    const t = setup('<div class="card" data-id="1"><div class="card-inner"><a class="name">Alpha</a></div></div>', { adapter: nested });
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badges()).toHaveLength(1);
  });

  it('uses the adapter scan() where it has one, and re-reads the card around content added inside it', async () => {
    const scanning = testAdapter({
      listingSelector: '',
      scan: (root: ParentNode) => {
        const el = root as Element;
        const around = el.closest?.('.card');
        return around ? [around] : [...el.querySelectorAll('.card')];
      },
    });
    const t = setup(card('1', 'Alpha'), { adapter: scanning });
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha']);
    const name = t.doc.querySelector('.name')!;
    name.textContent = 'Alpha Two';
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha Two']);
  });
});

describe('detector with link-rooted adapters (the card is an ancestor of the matched link)', () => {
  it('re-reads a listing when content appears elsewhere in its card (a phone revealed)', async () => {
    const linkAdapter = testAdapter({
      listingSelector: 'a.name',
      read(link: Element) {
        const card = link.closest('.card')!;
        const phones = [...card.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')!.slice(4));
        return { root: card, anchor: link, data: { directory: 'test', name: link.textContent!, phones } };
      },
    });
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'), { adapter: linkAdapter });
    t.detector.start();
    await drain(t.scheduler);
    expect(t.detector.listings().map((l) => [l.root.localName, l.card.className])).toEqual([
      ['a', 'card'],
      ['a', 'card'],
    ]);
    const cardEl = t.doc.querySelector('[data-id="2"]')!;
    cardEl.insertAdjacentHTML('beforeend', '<div><a href="tel:+74951234567">+7 495 123-45-67</a></div>');
    await drain(t.scheduler);
    expect(t.api.batches).toHaveLength(2);
    expect(t.api.batches[1]).toEqual([{ directory: 'test', name: 'Beta', phones: ['+74951234567'] }]);
    expect(t.badges()).toHaveLength(2);
  });
});

describe('pageKey', () => {
  it('treats a plain #fragment as the same page and a #/route as another', () => {
    expect(pageKey('https://a.test/x#top')).toBe('https://a.test/x');
    expect(pageKey('https://a.test/x#/search/cafe')).toBe('https://a.test/x#/search/cafe');
    expect(pageKey('https://a.test/x')).toBe('https://a.test/x');
  });
});

describe('a page that fights back', () => {
  it('gets removed badges back, a few times at once and then ever more slowly: no redraw loop', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'));
    t.detector.start();
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
    // The page removes every badge the moment it appears, for ten minutes.
    const removeAll = () => t.badges().forEach((b) => b.remove());
    const before = t.renders.length;
    for (let second = 0; second < 600; second++) {
      removeAll();
      await microtasks();
      t.scheduler.advance(1000); // the clock moves one second, no further
      while (t.scheduler.runIdle()) await microtasks();
    }
    const redraws = t.renders.length - before;
    // Three returns at once per listing, then after 1, 2, 4, 8, 16, 32 s and every minute after: ~15 each in ten minutes.
    expect(redraws).toBeGreaterThanOrEqual(2 * 8);
    expect(redraws).toBeLessThanOrEqual(2 * 20);
    expect(t.detector.stats.restores).toBe(redraws);
    // Left alone, the badges stay.
    t.scheduler.advance(60_000);
    await drain(t.scheduler);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
  });

  it('a list re-rendered with new cards of the same listings is badged again without a new lookup', async () => {
    const t = setup(card('1', 'Alpha') + card('2', 'Beta'), { known: { Beta: { id: '00000000-0000-4000-8000-000000000002', status: 'client' } } });
    t.detector.start();
    await drain(t.scheduler);
    const lookups = t.api.batches.length;
    for (let i = 0; i < 20; i++) {
      t.doc.body.innerHTML = card('1', 'Alpha') + card('2', 'Beta');
      await microtasks();
      await drain(t.scheduler);
    }
    expect(t.api.batches.length).toBe(lookups);
    expect(t.badgeNames()).toEqual(['Alpha', 'Beta']);
    expect(t.badges().map((b) => b.textContent)).toEqual(['new', 'client']);
    // One draw per listing per re-render, never more.
    expect(t.renders.length).toBeLessThanOrEqual(2 * 21);
    // A base change still reaches re-rendered cards.
    t.detector.refresh([]);
    await drain(t.scheduler);
    expect(t.api.batches.length).toBe(lookups + 1);
  });
});
