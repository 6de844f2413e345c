import type { ListingData } from '../model/listing';
import type { LookupResult } from '../model/lookup';
import type { PageContext, SiteAdapter } from '../sites/types';
import { readListing } from '../sites/scan';
import { listingSignature, sanitizeListing } from './sanitize';
import type { IdleDeadlineLike, Scheduler } from './schedule';

/**
 * The detector: runs a site adapter over a page and keeps watching it.
 *
 * - One MutationObserver; its work is debounced (a burst cooldown and a maximum
 *   wait, as in Bitwarden's autofill) and done in slices of a few milliseconds,
 *   the first read of a page in idle time and later ones in background-priority
 *   tasks, so even a 1,000-listing page never gets a long task from us.
 * - Badges are written in one animation frame, their views worked out before it
 *   (`prepare`), so that frame only writes.
 * - New listings are found only in added subtrees (`matches` + `querySelectorAll`
 *   on each added node, as refined-github's selector observer does), never by
 *   re-scanning the page per mutation. Each root element is handled once
 *   (WeakMap/WeakSet by element); content added inside a known card re-reads
 *   just that card.
 * - Listings whose elements left the page are forgotten (pruned with isConnected).
 * - One lookup message per batch of new listings (at most `maxBatch`).
 * - `data-callmark-ignore` on any element excludes its subtree.
 */

export const IGNORE_ATTR = 'data-callmark-ignore';
const IGNORE_SEL = `[${IGNORE_ATTR}]`;
/** Anchors inside these are never badged: no badge inside a form field or editable text. */
const EDITABLE_SEL = 'input,textarea,select,option,[contenteditable=""],[contenteditable="true"],[contenteditable="plaintext-only"]';

export interface Listing {
  /** Stable for the listing's life on this page; the popup's `reveal` uses it. */
  readonly key: string;
  /** The element the adapter was asked to read (it matched the listing selector). */
  root: Element;
  /** The listing's card as the adapter reported it (FoundListing.root); often an ancestor of `root`. */
  card: Element;
  /** The element the badge goes after (the listing's name). */
  anchor: Element;
  data: ListingData;
  /** listingSignature(data): changes when anything the base matches on changes. */
  sig: string;
  result?: LookupResult;
  /** Page generation (bumped by SPA navigation) the listing was last read in. */
  gen: number;
  /** Times a page script removed this listing's badge and it was drawn again (see restoreDelay). */
  restores?: number;
}

export interface Timing {
  /** Quiet time after the last mutation before work starts. */
  cooldown: number;
  /** …but never wait longer than this after the first pending mutation. */
  maxWait: number;
  /** requestIdleCallback timeout: busy pages still get their badges. */
  idleTimeout: number;
  /** Upper bound of one slice of work (ms); far below the 50 ms long-task line. */
  sliceMs: number;
  /**
   * Badges drawn in the first frame at most. Badges are written in animation
   * frames, all the ready ones at once: the browser's style, layout and
   * pre-paint work after a write walks much of the page whatever the number of
   * badges, so a 1,000-card page drawn 40 at a time paid for it 25 times.
   * Default: no limit. On the 1,000-card zoon page a first frame of 100 and
   * then the rest cost 3.4× the one-pass floor, one frame 2.9×, with the same
   * longest task (bench/bigpage); a real-sized page has fewer than 100 anyway.
   */
  firstFrameDraws: number;
  /**
   * A write of at most this many ready badges (a real-sized page) is spread over
   * even frames of at most `spreadDraws` each, so that no frame's task passes 16 ms.
   * On the real zoon list (76 cards) one frame of all its badges took 19-22 ms, two
   * of 38 took 14-26 ms each, four of 19 at most 14 ms (medians of 5, bench/bigpage):
   * about 8 ms of every frame there is the page's own pre-paint and layout, paid
   * whatever is written. More ready badges than this is a big page, where every
   * frame costs tens of milliseconds: they go in one frame (see firstFrameDraws).
   */
  spreadUpTo: number;
  spreadDraws: number;
  /**
   * A frame (the write and the browser's rendering after it) up to this long
   * lets the next draw twice as many; one past it on its first batch is a big
   * page, where every frame costs its size: then the rest goes in one frame.
   */
  frameMs: number;
  /** Debounce of base-change refreshes. */
  refreshDelay: number;
  /** First retry after a failed lookup; doubles up to a minute. */
  retryMs: number;
  /** Listings per lookup message (the protocol's MAX_LOOKUP_BATCH). */
  maxBatch: number;
  /**
   * A page that removes our badges gets them back at once this many times per
   * listing; after that each return waits twice as long as the one before
   * (from restoreBackoffMs up to a minute), so a page fighting back never
   * makes a redraw loop.
   */
  freeRestores: number;
  restoreBackoffMs: number;
}

export const DEFAULT_TIMING: Timing = {
  cooldown: 50,
  maxWait: 300,
  idleTimeout: 200,
  sliceMs: 10,
  firstFrameDraws: Infinity,
  spreadUpTo: 150,
  spreadDraws: 25,
  frameMs: 16,
  refreshDelay: 50,
  retryMs: 2000,
  maxBatch: 1000,
  freeRestores: 3,
  restoreBackoffMs: 1000,
};

export interface DetectorOptions {
  adapter: SiteAdapter;
  document: Document;
  scheduler: Scheduler;
  /** The page's current URL (defaults to document.location.href). */
  location?: () => string;
  /** The user's default phone country (settings), given to adapters in the PageContext. */
  defaultCountry?: () => string | undefined;
  /** One batched request: what the base knows of each listing, in order. */
  lookup(listings: ListingData[]): Promise<LookupResult[]>;
  /** Draws or updates the listing's badge; called when its result arrives or changes, or its badge went missing. */
  render(listing: Listing): void;
  /**
   * Works out what the listing's badge will show, as soon as its result is known
   * and before the frame that draws it: that frame then only writes, and its task
   * (which also pays for the page's style, layout and pre-paint) stays short.
   */
  prepare?(listing: Listing): void;
  /** Removes the listing's badge. */
  unrender(listing: Listing): void;
  /** Whether the listing's badge is still on the page (a page may remove foreign nodes). */
  isRendered?(listing: Listing): boolean;
  /** Our own nodes (badge hosts, the menu layer): their mutations are not the page's. */
  isOwnNode?(node: Node): boolean;
  onError?(error: unknown): void;
  timing?: Partial<Timing>;
}

export interface DetectorStats {
  /** Lookup messages sent, and listings in them. */
  lookups: number;
  lookedUp: number;
  /** adapter.read calls. */
  reads: number;
  /** Added nodes scanned with matches/querySelectorAll. */
  scanned: number;
  slices: number;
  /** Animation frames that wrote badges, and the longest (the write plus the browser's rendering after it). */
  frames: number;
  longestFrameMs: number;
  /** Time spent in our slices (CPU on the main thread), and the longest slice. */
  busyMs: number;
  longestSliceMs: number;
  renders: number;
  /** Badges drawn again after a page script removed them. */
  restores: number;
  /** Time by kind of work (ms): scanning added nodes, adapter reads, drawing badges. */
  scanMs: number;
  readMs: number;
  drawMs: number;
  /** Of readMs, the time inside the adapter's own read(). */
  adapterMs: number;
  /** Time waiting for lookup answers (sum over messages, wall clock). */
  lookupWaitMs: number;
  /** Main-thread time sending lookups (serialising the listings) and taking in their answers. */
  sendMs: number;
  answerMs: number;
  /** Of answerMs (and of reads answered from this page's earlier answers), working out the badges' views (prepare). */
  prepareMs: number;
  /** Slices that ran past 50 ms (one costly item, e.g. an adapter parsing a page's embedded state). */
  slicesOver50ms: number;
  /** The costliest single item of work, and its kind. */
  longestItemMs: number;
  longestItem: string;
  /** scheduler.now() when the detector (last) started, when a lookup's answer last came in, and when it last drew a badge. */
  startedAt: number;
  answeredAt: number;
  lastRenderAt: number;
}

export interface Detector {
  readonly running: boolean;
  start(): void;
  /** Stops watching and removes every badge. */
  stop(): void;
  /**
   * After SPA navigation: page-level data is re-read and the page re-scanned.
   * A no-op when the page's URL did not change (unless forced).
   */
  navigate(force?: boolean): void;
  /** The base changed: look up again the listings of these companies (all, when empty) and every unmatched one. */
  refresh(companyIds: readonly string[]): void;
  listings(): Listing[];
  get(key: string): Listing | undefined;
  /** Sets a listing's result (after logging a call) and redraws its badge at once. */
  setResult(listing: Listing, result: LookupResult): void;
  /** Resolves when nothing is queued and no lookup is in flight. */
  whenIdle(): Promise<void>;
  readonly stats: DetectorStats;
}

/** The URL that identifies a page: a plain #fragment is scrolling, not navigation (a #/route or #!route is). */
export function pageKey(href: string): string {
  const i = href.indexOf('#');
  if (i < 0) return href;
  const hash = href.slice(i + 1);
  return hash.startsWith('/') || hash.startsWith('!') ? href : href.slice(0, i);
}

function takeFirst<T>(set: Set<T>): T | undefined {
  const it = set.values().next();
  if (it.done) return undefined;
  set.delete(it.value);
  return it.value;
}

export function createDetector(options: DetectorOptions): Detector {
  const { adapter, document: doc, scheduler } = options;
  const timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  const location = options.location ?? (() => doc.location.href);
  const isOwn = options.isOwnNode ?? (() => false);
  const sel = adapter.listingSelector;
  /** Listing roots and opt-outs in one pass: a second pass over a 100,000-node page cost 4 ms more. */
  const selOrIgnore = `${sel}, ${IGNORE_SEL}`;

  let running = false;
  let seq = 0;
  let gen = 0;
  let lastUrl = '';
  let page: PageContext = newPage();

  const entries = new Map<string, Listing>();
  let entryOf = new WeakMap<Element, Listing>();
  let anchorOwner = new WeakMap<Element, Listing>();
  /** Cards (FoundListing.root) → their listing: content added inside a card re-reads it. */
  let byCard = new WeakMap<Element, Listing>();
  /** Roots read as "not a listing" in this page generation. */
  let rejected = new WeakSet<Element>();

  /** Added nodes waiting to be scanned; true = reconsider rejected roots too. */
  const added = new Map<Element, boolean>();
  /** Nodes scanned since the last mutation batch: their new descendants are covered. */
  const scannedSince = new Set<Element>();
  const toRead = new Set<Element>();
  const needsLookup = new Set<Listing>();
  const toRender = new Set<Listing>();
  let needPrune = false;
  let sweepAfterScan = false;
  let inflight = 0;
  let retryDelay = timing.retryMs;
  let retryTimer: number | undefined;
  /** Badges a page keeps removing come back no sooner than this (see Timing.freeRestores). */
  let restoreDue = new WeakMap<Listing, number>();
  let restoreTimer: number | undefined;
  /** The last answer for each listing signature seen on this page, until the base changes. */
  const answered = new Map<string, LookupResult>();
  const remember = (sig: string, result: LookupResult) => {
    if (answered.size >= 10_000) answered.clear();
    answered.set(sig, result);
  };

  let debounceTimer: number | undefined;
  let firstPendingAt: number | undefined;
  let refreshTimer: number | undefined;
  let idleId: number | undefined;
  /** A slice that ran out of time goes on in a task of its own (scheduler.soon), not at the next idle period. */
  let soonId: number | undefined;
  let frameId: number | undefined;
  /** A written frame whose rendering is being timed. */
  let measuring = false;
  let drawBatch = timing.firstFrameDraws;
  /** Off once a spread frame ran past frameMs: this page's frames cost their size, so splitting only adds frames. */
  let spread = true;
  let idleWaiters: Array<() => void> = [];

  const stats: DetectorStats = { lookups: 0, lookedUp: 0, reads: 0, scanned: 0, slices: 0, frames: 0, longestFrameMs: 0, busyMs: 0, longestSliceMs: 0, renders: 0, scanMs: 0, readMs: 0, drawMs: 0, adapterMs: 0, lookupWaitMs: 0, sendMs: 0, answerMs: 0, prepareMs: 0, slicesOver50ms: 0, restores: 0, longestItemMs: 0, longestItem: '', startedAt: 0, answeredAt: 0, lastRenderAt: 0 };

  const MO = (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? globalThis.MutationObserver;
  const observer = new MO(onMutations);
  const WATCH: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: [IGNORE_ATTR] };

  function newPage(): PageContext {
    const href = location();
    lastUrl = pageKey(href);
    const context: PageContext = { url: new URL(href), document: doc, memo: new Map() };
    const country = options.defaultCountry?.();
    if (country) context.defaultCountry = country;
    return context;
  }

  // ---- watching --------------------------------------------------------------

  function onMutations(records: MutationRecord[]): void {
    if (!running) return;
    let relevant = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        const el = record.target as Element;
        if (el.hasAttribute(IGNORE_ATTR)) {
          ignoreSeen = true;
          for (const entry of entries.values()) if (el.contains(entry.anchor)) toRead.add(entry.root);
        } else {
          added.set(el, true);
        }
        relevant = true;
        continue;
      }
      const nodes = record.addedNodes;
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (isOwn(node)) continue;
        if (node.nodeType === 1) {
          if (!added.has(node as Element)) added.set(node as Element, false);
          relevant = true;
        } else if (node.nodeType === 3 && record.target.nodeType === 1) {
          // Text filled into an existing element (a card's name rendered late).
          if (!added.has(record.target as Element)) added.set(record.target as Element, false);
          relevant = true;
        }
      }
      if (!needPrune) {
        const removed = record.removedNodes;
        for (let i = 0; i < removed.length; i++) {
          // Our own nodes count too: a page script that removed a badge gets it back (prune).
          if (!isOwn(removed[i]!) || record.target.isConnected) {
            needPrune = true;
            relevant = true;
            break;
          }
        }
      }
    }
    if (!relevant) return;
    scannedSince.clear();
    debounce();
  }

  function debounce(): void {
    const t = scheduler.now();
    firstPendingAt ??= t;
    if (debounceTimer !== undefined) scheduler.clearTimeout(debounceTimer);
    const wait = Math.max(0, Math.min(timing.cooldown, firstPendingAt + timing.maxWait - t));
    debounceTimer = scheduler.setTimeout(() => {
      debounceTimer = undefined;
      firstPendingAt = undefined;
      if (pageKey(location()) !== lastUrl) navigate();
      // The cooldown already waited for the page: new cards are read in a background task
      // (after the page's own work, not after its next frames), so their badges come sooner.
      else continueSoon();
    }, wait);
  }

  function scheduleSlice(): void {
    if (!running || idleId !== undefined || soonId !== undefined) return;
    idleId = scheduler.idle(slice, timing.idleTimeout);
  }

  function continueSoon(): void {
    if (!running || idleId !== undefined || soonId !== undefined) return;
    if (!scheduler.soon) return scheduleSlice();
    soonId = scheduler.soon(() => {
      soonId = undefined;
      const start = scheduler.now();
      slice({ didTimeout: false, timeRemaining: () => timing.sliceMs - (scheduler.now() - start) });
    });
  }

  // ---- the work loop ---------------------------------------------------------

  function hasWork(): boolean {
    return needPrune || added.size > 0 || toRead.size > 0 || (needsLookup.size > 0 && retryTimer === undefined);
  }

  function slice(deadline: IdleDeadlineLike): void {
    idleId = undefined;
    if (!running) return;
    const start = scheduler.now();
    const budget = deadline.didTimeout ? timing.sliceMs : Math.min(timing.sliceMs, Math.max(4, deadline.timeRemaining()));
    stats.slices++;
    let t = start;
    let outOfTime = false;
    const account = (kind: 'scanMs' | 'readMs' | 'drawMs') => {
      const now = scheduler.now();
      const spent = now - t;
      stats[kind] += spent;
      if (spent > stats.longestItemMs) {
        stats.longestItemMs = spent;
        stats.longestItem = kind;
      }
      t = now;
    };
    for (;;) {
      if (needPrune) prune();
      else if (added.size > 0) {
        const [node, force] = added.entries().next().value as [Element, boolean];
        added.delete(node);
        scan(node, force);
        account('scanMs');
      } else if (toRead.size > 0) {
        read(takeFirst(toRead)!);
        account('readMs');
      } else {
        if (sweepAfterScan) sweep();
        if (needsLookup.size > 0 && retryTimer === undefined) sendLookups();
        break;
      }
      if (needsLookup.size >= timing.maxBatch && retryTimer === undefined) sendLookups();
      t = scheduler.now();
      if (t - start >= budget) {
        outOfTime = true;
        break;
      }
    }
    const spent = scheduler.now() - start;
    stats.busyMs += spent;
    if (spent > stats.longestSliceMs) stats.longestSliceMs = spent;
    if (spent > 50) stats.slicesOver50ms++;
    if (toRender.size > 0) scheduleFrame();
    if (hasWork()) {
      if (outOfTime) continueSoon();
      else scheduleSlice();
    } else settle();
  }

  // ---- drawing: one write per frame ------------------------------------------

  function scheduleFrame(): void {
    if (!running || frameId !== undefined || measuring) return;
    frameId = scheduler.frame ? scheduler.frame(drawFrame) : scheduler.setTimeout(drawFrame, 0);
  }

  /**
   * Writes the ready badges in one go, at the start of a frame: no layout is read
   * between insertions, so the browser restyles and lays the page out once for
   * all of them. Then times the frame (a task posted now runs after its paint).
   */
  function drawFrame(): void {
    frameId = undefined;
    if (!running) return;
    const start = scheduler.now();
    let n = 0;
    const ready = toRender.size;
    const spreading = spread && ready > timing.spreadDraws && ready <= timing.spreadUpTo;
    // Even frames: 76 ready badges go as four of 19, not 25, 25, 25 and 1.
    const limit = spreading ? Math.min(drawBatch, Math.ceil(ready / Math.ceil(ready / timing.spreadDraws))) : drawBatch;
    // Not watching our own insertions: each would come back as a mutation record with
    // node lists, objects of this world that stay in its wrapper map (0.25 KiB a badge
    // on a 1,000-card page, bench/bigpage). The page's own changes so far are kept.
    const before = observer.takeRecords();
    observer.disconnect();
    try {
      while (n < limit) {
        const entry = takeFirst(toRender);
        if (!entry) break;
        draw(entry);
        n++;
      }
    } finally {
      observer.observe(doc, WATCH);
      if (before.length) onMutations(before);
    }
    const spent = scheduler.now() - start;
    stats.drawMs += spent;
    stats.busyMs += spent;
    if (n === 0) return settle();
    stats.frames++;
    measuring = true;
    scheduler.setTimeout(() => {
      measuring = false;
      const frameMs = scheduler.now() - start;
      if (frameMs > stats.longestFrameMs) stats.longestFrameMs = frameMs;
      if (spreading && frameMs > timing.frameMs) spread = false;
      drawBatch = frameMs <= timing.frameMs ? drawBatch * 2 : stats.frames === 1 ? Infinity : drawBatch;
      if (toRender.size > 0) scheduleFrame();
      else settle();
    }, 0);
  }

  /** Finds listing roots in an added node, and notes changes inside known cards. */
  function scan(node: Element, force: boolean): void {
    if (!node.isConnected) return;
    // Covered by a pending or freshly scanned ancestor? Inside a known card?
    let inCard: Listing | undefined;
    for (let p = node.parentElement; p; p = p.parentElement) {
      if (!force && (added.has(p) || scannedSince.has(p))) return;
      inCard ??= byCard.get(p);
    }
    if (inCard && entries.has(inCard.key)) toRead.add(inCard.root);
    if (!ignoreSeen && node.matches(IGNORE_SEL)) ignoreSeen = true;
    if (ignored(node)) return;
    stats.scanned++;
    scannedSince.add(node);
    if (adapter.scan) {
      // The adapter finds its own roots (generic detection: phones in text); a root
      // around the added node is a known card whose content changed.
      if (!ignoreSeen && node.querySelector(IGNORE_SEL)) ignoreSeen = true;
      let roots: Element[] = [];
      try {
        roots = adapter.scan(node, page);
      } catch (error) {
        options.onError?.(error);
      }
      for (const root of roots) consider(root, force || (root !== node && root.contains(node)));
      return;
    }
    if (node.matches(sel)) consider(node, force);
    const roots = node.querySelectorAll(ignoreSeen ? sel : selOrIgnore);
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i]!;
      if (!ignoreSeen && root.hasAttribute(IGNORE_ATTR)) {
        ignoreSeen = true;
        if (!root.matches(sel)) continue;
      }
      consider(root, force);
    }
    // Content added inside an existing card: read that card again.
    const card = node.parentElement?.closest(sel);
    if (card) consider(card, true);
  }

  function consider(root: Element, changed: boolean): void {
    const entry = entryOf.get(root);
    if (entry) {
      if (changed || entry.gen !== gen) toRead.add(root);
      return;
    }
    if (rejected.has(root) && !changed) return;
    toRead.add(root);
  }

  /** Whether any element of the page has opted out (then every root and anchor is checked against it). */
  let ignoreSeen = false;
  const ignored = (el: Element): boolean => ignoreSeen && el.closest(IGNORE_SEL) !== null;
  const editable = (el: Element): boolean => {
    const ce = (el as HTMLElement).isContentEditable;
    // Browsers compute isContentEditable natively; jsdom does not have it.
    return ce === undefined ? el.closest(EDITABLE_SEL) !== null : ce || doc.designMode === 'on';
  };
  const usableAnchor = (anchor: Element): boolean => anchor.isConnected && !editable(anchor) && !ignored(anchor) && !isOwn(anchor);

  function read(root: Element): void {
    const existing = entryOf.get(root);
    if (!root.isConnected) {
      if (existing) remove(existing);
      return;
    }
    let data: ListingData | null = null;
    let anchor: Element | undefined;
    let card: Element = root;
    if (!ignored(root)) {
      stats.reads++;
      try {
        const t0 = scheduler.now();
        const found = readListing(adapter, root, page);
        stats.adapterMs += scheduler.now() - t0;
        if (found && usableAnchor(found.anchor)) {
          data = sanitizeListing(found.data);
          anchor = found.anchor;
          card = found.root;
        }
      } catch (error) {
        options.onError?.(error);
      }
    }
    const owner = anchor && anchorOwner.get(anchor);
    if (!data || !anchor || (owner && owner !== existing && entries.has(owner.key))) {
      // Not a listing (or one already badged through another root).
      if (existing) remove(existing);
      rejected.add(root);
      return;
    }
    rejected.delete(root);
    const sig = listingSignature(data);
    if (existing) {
      existing.gen = gen;
      if (existing.card !== card) {
        if (byCard.get(existing.card) === existing) byCard.delete(existing.card);
        existing.card = card;
        byCard.set(card, existing);
      }
      if (existing.anchor !== anchor) {
        anchorOwner.delete(existing.anchor);
        existing.anchor = anchor;
        anchorOwner.set(anchor, existing);
        if (existing.result) toRender.add(existing);
      }
      if (existing.sig !== sig) {
        const other = existing.data.name !== data.name || existing.data.siteId !== data.siteId;
        existing.data = data;
        existing.sig = sig;
        if (other && existing.result) {
          // A reused card now shows another company: never show the old one's status.
          existing.result = undefined;
          toRender.delete(existing);
          options.unrender(existing);
        }
        needsLookup.add(existing);
      }
      return;
    }
    const listing: Listing = { key: `l${++seq}`, root, card, anchor, data, sig, gen };
    entries.set(listing.key, listing);
    entryOf.set(root, listing);
    byCard.set(card, listing);
    anchorOwner.set(anchor, listing);
    // A page that re-renders its list makes new cards of the same listings: what the base
    // said of them stands until the base changes (refresh), so no new lookup is sent.
    const answer = answered.get(sig);
    if (answer) {
      listing.result = answer;
      toDraw(listing);
    } else needsLookup.add(listing);
  }

  /** Queues a listing's badge for the next frame, prepared now (outside that frame). */
  function toDraw(entry: Listing): void {
    toRender.add(entry);
    if (!options.prepare) return;
    const t0 = scheduler.now();
    try {
      options.prepare(entry);
    } catch (error) {
      options.onError?.(error);
    }
    stats.prepareMs += scheduler.now() - t0;
  }

  function draw(entry: Listing): void {
    if (!entries.has(entry.key) || !entry.result) return;
    stats.renders++;
    stats.lastRenderAt = scheduler.now();
    try {
      options.render(entry);
    } catch (error) {
      options.onError?.(error);
    }
  }

  function remove(entry: Listing): void {
    entries.delete(entry.key);
    entryOf.delete(entry.root);
    if (anchorOwner.get(entry.anchor) === entry) anchorOwner.delete(entry.anchor);
    if (byCard.get(entry.card) === entry) byCard.delete(entry.card);
    needsLookup.delete(entry);
    toRender.delete(entry);
    options.unrender(entry);
  }

  function prune(): void {
    needPrune = false;
    const at = scheduler.now();
    let wakeAt = Infinity;
    for (const entry of entries.values()) {
      if (!entry.root.isConnected) remove(entry);
      else if (!entry.anchor.isConnected) toRead.add(entry.root);
      else if (entry.result && options.isRendered && !options.isRendered(entry)) {
        const due = restoreDue.get(entry) ?? at;
        if (due > at) {
          wakeAt = Math.min(wakeAt, due);
          continue;
        }
        const n = (entry.restores = (entry.restores ?? 0) + 1);
        stats.restores++;
        toRender.add(entry);
        if (n >= timing.freeRestores) restoreDue.set(entry, at + Math.min(60_000, timing.restoreBackoffMs * 2 ** (n - timing.freeRestores)));
      }
    }
    if (wakeAt < Infinity && restoreTimer === undefined) {
      restoreTimer = scheduler.setTimeout(() => {
        restoreTimer = undefined;
        needPrune = true;
        scheduleSlice();
      }, wakeAt - at);
    }
  }

  /** After a navigation's full re-scan: listings not seen again are gone. */
  function sweep(): void {
    sweepAfterScan = false;
    for (const entry of entries.values()) if (entry.gen !== gen) remove(entry);
  }

  // ---- lookups ---------------------------------------------------------------

  function sendLookups(): void {
    while (needsLookup.size > 0) {
      const batch: Listing[] = [];
      for (const entry of needsLookup) {
        batch.push(entry);
        if (batch.length === timing.maxBatch) break;
      }
      for (const entry of batch) needsLookup.delete(entry);
      const sigs = batch.map((e) => e.sig);
      inflight++;
      stats.lookups++;
      stats.lookedUp += batch.length;
      const sentAt = scheduler.now();
      const request = options.lookup(batch.map((e) => e.data));
      stats.sendMs += scheduler.now() - sentAt;
      request
        .then(
          (results) => {
            const answeredAt = scheduler.now();
            stats.answeredAt = answeredAt;
            stats.lookupWaitMs += answeredAt - sentAt;
            if (results.length !== batch.length) throw new Error(`lookup answered ${results.length} of ${batch.length}`);
            retryDelay = timing.retryMs;
            if (!running) return;
            batch.forEach((entry, i) => {
              if (!entries.has(entry.key) || entry.sig !== sigs[i]) return;
              const result = results[i]!;
              remember(entry.sig, result);
              const changed = !entry.result || JSON.stringify(entry.result) !== JSON.stringify(result);
              entry.result = result;
              if (changed || (options.isRendered && !options.isRendered(entry))) toDraw(entry);
            });
            stats.answerMs += scheduler.now() - answeredAt;
          },
        )
        .catch((error: unknown) => {
          options.onError?.(error);
          if (!running) return;
          for (const entry of batch) if (entries.has(entry.key)) needsLookup.add(entry);
          if (retryTimer === undefined) {
            retryTimer = scheduler.setTimeout(() => {
              retryTimer = undefined;
              scheduleSlice();
            }, retryDelay);
            retryDelay = Math.min(retryDelay * 2, 60_000);
          }
        })
        .finally(() => {
          inflight--;
          if (toRender.size > 0) scheduleFrame();
          if (hasWork()) scheduleSlice();
          else settle();
        });
    }
  }

  function settle(): void {
    if (inflight > 0 || hasWork() || toRender.size > 0 || frameId !== undefined || measuring || debounceTimer !== undefined || refreshTimer !== undefined || idleId !== undefined || soonId !== undefined) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  // ---- public ----------------------------------------------------------------

  function start(): void {
    if (running) return;
    running = true;
    stats.startedAt = scheduler.now();
    page = newPage();
    observer.observe(doc, WATCH);
    if (doc.documentElement) added.set(doc.documentElement, false);
    scheduleSlice();
  }

  function stop(): void {
    if (!running) return;
    running = false;
    observer.disconnect();
    for (const id of [debounceTimer, refreshTimer, retryTimer, restoreTimer]) if (id !== undefined) scheduler.clearTimeout(id);
    if (idleId !== undefined) scheduler.cancelIdle(idleId);
    if (soonId !== undefined) scheduler.cancelSoon?.(soonId);
    if (frameId !== undefined) (scheduler.cancelFrame ?? scheduler.clearTimeout)(frameId);
    debounceTimer = refreshTimer = retryTimer = restoreTimer = idleId = soonId = frameId = firstPendingAt = undefined;
    restoreDue = new WeakMap();
    measuring = false;
    drawBatch = timing.firstFrameDraws;
    spread = true;
    for (const entry of entries.values()) options.unrender(entry);
    entries.clear();
    entryOf = new WeakMap();
    anchorOwner = new WeakMap();
    byCard = new WeakMap();
    rejected = new WeakSet();
    added.clear();
    scannedSince.clear();
    toRead.clear();
    needsLookup.clear();
    toRender.clear();
    needPrune = sweepAfterScan = false;
    answered.clear();
    settle();
  }

  function navigate(force = false): void {
    if (!running || (!force && pageKey(location()) === lastUrl)) return;
    page = newPage();
    gen++;
    rejected = new WeakSet();
    sweepAfterScan = true;
    if (doc.documentElement) added.set(doc.documentElement, true);
    scheduleSlice();
  }

  function refresh(companyIds: readonly string[]): void {
    if (!running) return;
    answered.clear();
    const ids = new Set(companyIds);
    for (const entry of entries.values()) {
      const r = entry.result;
      if (
        ids.size === 0 ||
        !r ||
        r.match === 'none' ||
        (r.company && ids.has(r.company.id)) ||
        r.candidates.some((c) => ids.has(c.companyId))
      ) {
        needsLookup.add(entry);
      }
    }
    if (refreshTimer !== undefined) return;
    refreshTimer = scheduler.setTimeout(() => {
      refreshTimer = undefined;
      scheduleSlice();
    }, timing.refreshDelay);
  }

  return {
    get running() {
      return running;
    },
    start,
    stop,
    navigate,
    refresh,
    listings: () => [...entries.values()],
    get: (key) => entries.get(key),
    setResult(listing, result) {
      if (!entries.has(listing.key)) return;
      listing.result = result;
      remember(listing.sig, result);
      toRender.delete(listing);
      draw(listing);
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
    stats,
  };
}
