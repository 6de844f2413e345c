import type { ListingData } from '../model/listing';
import type { LookupResult } from '../model/lookup';
import type { ResponseOf } from '../messages/protocol';

/**
 * Collect mode in the content script: while it is on, every listing the
 * detector has an answer for and that the base does not have yet (or has, but
 * not from this listing) is sent to the background's `collect`, in batches,
 * once per listing per page. The background decides what to create and keeps
 * the tab's running count (lib/io/collect.ts, lib/io/collect-mode.ts); this
 * only gathers. No message per mutation: listings are queued as their badges
 * are drawn and sent after a quiet moment.
 */

/** Listings per message: the protocol's MAX_LOOKUP_BATCH (not imported: the content script carries no zod). */
const BATCH = 1000;

export interface CollectorListing {
  sig: string;
  data: ListingData;
  result?: LookupResult;
}

export interface CollectorOptions {
  collect(listings: ListingData[]): Promise<ResponseOf<'collect'>>;
  /** The listings on the page now (when switched on, they are all considered). */
  listings(): readonly CollectorListing[];
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  onError?(error: unknown): void;
  /** Quiet time after the last new listing before a batch goes. */
  delayMs?: number;
}

export interface Collector {
  readonly on: boolean;
  setOn(on: boolean): void;
  /** A listing got (or changed) its answer. */
  consider(listing: CollectorListing): void;
  stop(): void;
}

/** Worth sending: not in the base, or exactly a company of it that does not know this listing yet. Likely matches are the user's call. */
export function worthCollecting(result: LookupResult | undefined): boolean {
  if (!result) return false;
  if (result.match === 'none') return true;
  return result.match === 'exact' && !result.candidates[0]?.via.includes('site');
}

export function createCollector(options: CollectorOptions): Collector {
  const delay = options.delayMs ?? 400;
  let on = false;
  let stopped = false;
  /** Signatures already sent from this page. */
  const sent = new Set<string>();
  const queue = new Map<string, ListingData>();
  let timer: number | undefined;
  let inflight = false;
  let retryMs = 2000;

  const schedule = (ms = delay) => {
    if (timer !== undefined) options.clearTimeout(timer);
    timer = options.setTimeout(() => {
      timer = undefined;
      void flush();
    }, ms);
  };

  async function flush(): Promise<void> {
    if (!on || stopped || inflight || queue.size === 0) return;
    const batch: Array<[string, ListingData]> = [];
    for (const entry of queue) {
      batch.push(entry);
      if (batch.length === BATCH) break;
    }
    for (const [sig] of batch) {
      queue.delete(sig);
      sent.add(sig);
    }
    inflight = true;
    try {
      const answer = await options.collect(batch.map(([, data]) => data));
      retryMs = 2000;
      // Switched off elsewhere (the popup, another site in this tab): stop here too.
      if (answer.mode && !answer.mode.on) setOn(false);
    } catch (error) {
      options.onError?.(error);
      // Not saved: try these again later (the background may have been asleep).
      for (const [sig, data] of batch) {
        sent.delete(sig);
        queue.set(sig, data);
      }
      retryMs = Math.min(retryMs * 2, 60_000);
      inflight = false;
      if (on && !stopped) schedule(retryMs);
      return;
    }
    inflight = false;
    if (queue.size) schedule(0);
  }

  function consider(listing: CollectorListing): void {
    if (!on || stopped || sent.has(listing.sig) || queue.has(listing.sig) || !worthCollecting(listing.result)) return;
    queue.set(listing.sig, listing.data);
    schedule();
  }

  function setOn(next: boolean): void {
    if (stopped || next === on) return;
    on = next;
    if (on) {
      for (const l of options.listings()) consider(l);
    } else {
      queue.clear();
      if (timer !== undefined) options.clearTimeout(timer);
      timer = undefined;
    }
  }

  return {
    get on() {
      return on;
    },
    setOn,
    consider,
    stop() {
      setOn(false);
      stopped = true;
    },
  };
}
