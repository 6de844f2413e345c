import { JSDOM } from 'jsdom';
import type { Scheduler } from '../../../lib/detect/schedule';
import type { LookupResult } from '../../../lib/model/lookup';
import type { ListingData } from '../../../lib/model/listing';
import type { FoundListing, PageContext, SiteAdapter } from '../../../lib/sites/types';

/**
 * A scheduler driven by hand: timers and idle callbacks run only when the test
 * says so, and the clock moves only when the test (or a slow `read`) moves it.
 */
export class ManualScheduler implements Scheduler {
  time = 0;
  private seq = 0;
  timers = new Map<number, { at: number; fn: () => void }>();
  idles = new Map<number, { at: number; fn: Parameters<Scheduler['idle']>[0] }>();
  /** How much idle time each idle callback is offered. */
  idleBudget = 50;

  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (id: number) => void this.timers.delete(id);
  idle: Scheduler['idle'] = (fn, timeout) => {
    const id = ++this.seq;
    this.idles.set(id, { at: this.time + timeout, fn });
    return id;
  };
  cancelIdle = (id: number) => void this.idles.delete(id);
  /** Tasks queued with soon() (a browser's background tasks), once enableSoon() gave the scheduler one. */
  soons = new Map<number, () => void>();
  soon?: Scheduler['soon'];
  cancelSoon?: Scheduler['cancelSoon'];
  enableSoon(): this {
    this.soon = (fn) => {
      const id = ++this.seq;
      this.soons.set(id, fn);
      return id;
    };
    this.cancelSoon = (id) => void this.soons.delete(id);
    return this;
  }
  /** Runs the soon() tasks queued now (not those they queue). */
  runSoon(): number {
    const queued = [...this.soons.values()];
    this.soons.clear();
    for (const fn of queued) fn();
    return queued.length;
  }

  /** Moves the clock, firing the timers that fall due (not idle callbacks). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
    }
    this.time = end;
  }

  /** Runs the idle callbacks queued now (not those they queue). */
  runIdle(): number {
    const queued = [...this.idles.entries()];
    this.idles.clear();
    for (const [, { fn }] of queued) {
      const start = this.time;
      fn({ didTimeout: false, timeRemaining: () => Math.max(0, this.idleBudget - (this.time - start)) });
    }
    return queued.length;
  }
}

export const microtasks = async (n = 20) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/** Runs everything (timers, idle callbacks, promise callbacks) until nothing is left. */
export async function drain(s: ManualScheduler, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await microtasks();
    if (s.soons.size) {
      s.runSoon();
      continue;
    }
    if (s.idles.size) {
      s.runIdle();
      continue;
    }
    const next = [...s.timers.values()].sort((a, b) => a.at - b.at)[0];
    if (!next) {
      await microtasks();
      if (!s.idles.size && !s.timers.size && !s.soons.size) return;
      continue;
    }
    s.advance(Math.max(0, next.at - s.time));
  }
  throw new Error('drain: still busy');
}

export function makeDom(body = '', url = 'https://example.test/list'): JSDOM {
  return new JSDOM(`<!doctype html><html><head></head><body>${body}</body></html>`, { url, pretendToBeVisual: true });
}

export const card = (id: string, name: string) => `<div class="card" data-id="${id}"><a class="name" href="/firm/${id}">${name}</a><span class="addr">Street ${id}</span></div>`;

/** A minimal adapter: `.card` roots, `.name` anchors. */
export function testAdapter(overrides: Partial<SiteAdapter> = {}): SiteAdapter & { readCount: number; pages: PageContext[] } {
  const adapter = {
    id: 'test',
    name: 'Test directory',
    matches: ['*://example.test/*'],
    appliesTo: () => true,
    listingSelector: '.card',
    testUrls: [],
    readCount: 0,
    pages: [] as PageContext[],
    read(root: Element, page: PageContext): FoundListing | null {
      adapter.readCount++;
      if (!adapter.pages.includes(page)) adapter.pages.push(page);
      const anchor = root.querySelector('.name');
      const name = anchor?.textContent?.trim();
      if (!anchor || !name) return null;
      return { root, anchor, data: { directory: 'test', name, siteId: root.getAttribute('data-id') ?? undefined, address: root.querySelector('.addr')?.textContent ?? undefined } };
    },
    ...overrides,
  };
  return adapter;
}

/** A fake `lookup`: remembers every batch, answers from `known` (by name), `none` otherwise. */
export function fakeLookup(known: Record<string, Partial<LookupResult['company']> & { id: string }> = {}) {
  const batches: ListingData[][] = [];
  let fail = 0;
  const lookup = async (listings: ListingData[]): Promise<LookupResult[]> => {
    batches.push(listings);
    if (fail > 0) {
      fail--;
      throw new Error('background asleep');
    }
    return listings.map((l) => resultFor(l.name, known[l.name]));
  };
  return {
    lookup,
    batches,
    failNext: (n = 1) => void (fail = n),
  };
}

export function resultFor(name: string, company?: Partial<LookupResult['company']> & { id: string }): LookupResult {
  if (!company) return { match: 'none', candidates: [] };
  return {
    match: 'exact',
    candidates: [{ companyId: company.id, confidence: 'exact', via: ['site'], differences: [], name }],
    company: {
      name,
      phones: [],
      status: 'new',
      callCount: 0,
      stale: false,
      ...company,
    } as NonNullable<LookupResult['company']>,
  };
}
