import { browser } from 'wxt/browser';
import { PENDING_CALLS_KEY, STORAGE_PROBLEM_KEY } from './storage';

/**
 * Calls the base could not take (the disk is full, IndexedDB cannot be
 * opened, an upgrade failed), kept aside in extension storage so that they
 * are not lost: each is written, with its own id and its own time, as soon as
 * the base takes writes again. Extension storage is a separate store, so it
 * usually still has room when IndexedDB has none; when it has none either,
 * the caller says the call was not saved at all.
 */
export type StorageProblemCode = 'storage_full' | 'storage_unavailable' | 'upgrade_failed';

export interface StorageProblem {
  code: StorageProblemCode;
  /** When the problem was last seen (ISO). */
  at: string;
  /** Calls kept aside, waiting for the base. */
  pending: number;
}

export interface PendingCall<P = unknown> {
  /** The call's own id (the retry is idempotent by it). */
  callId: string;
  /** The logCall request, as validated. */
  payload: P;
  /** When the user logged it: the call keeps this time when it is written later. */
  at: string;
}

/** At most this many calls wait; beyond it the user is told that nothing more can be kept. */
export const MAX_PENDING = 2000;

/** Whether an error means "the base cannot take writes now", and which problem it is. */
export function storageProblemOf(error: unknown): StorageProblemCode | undefined {
  if (!(error instanceof Error) && !(error && typeof error === 'object' && 'name' in error)) return undefined;
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  if (e.code === 'upgrade_failed' || e.code === 'storage_unavailable' || e.code === 'storage_full') return e.code;
  if (e.name === 'QuotaExceededError' || /quota/i.test(String(e.message ?? ''))) return 'storage_full';
  // The database went away under us (a profile problem, the browser closing the connection).
  if (e.name === 'UnknownError' || (e.name === 'InvalidStateError' && /clos/i.test(String(e.message ?? '')))) return 'storage_unavailable';
  return undefined;
}

type Area = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'>;

export function createPendingCalls<E extends PendingCall = PendingCall>(area: Area = browser.storage.local) {
  // One writer at a time within this context (the background): read, change, write.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const read = async (): Promise<E[]> => {
    const value = (await area.get(PENDING_CALLS_KEY))[PENDING_CALLS_KEY];
    return Array.isArray(value) ? (value as E[]) : [];
  };
  const problem = async (): Promise<StorageProblem | undefined> => {
    const value = (await area.get(STORAGE_PROBLEM_KEY))[STORAGE_PROBLEM_KEY] as StorageProblem | undefined;
    return value && typeof value === 'object' && 'code' in value ? value : undefined;
  };

  return {
    list: () => serial(read),
    problem,
    /** Keeps a call aside; false when it could not be kept (extension storage is full too, or the queue is). */
    add: (entry: E, code: StorageProblemCode, now: string) =>
      serial(async () => {
        try {
          const all = (await read()).filter((p) => p.callId !== entry.callId);
          if (all.length >= MAX_PENDING) {
            await area.set({ [STORAGE_PROBLEM_KEY]: { code, at: now, pending: all.length } satisfies StorageProblem });
            return false;
          }
          all.push(entry);
          await area.set({ [PENDING_CALLS_KEY]: all, [STORAGE_PROBLEM_KEY]: { code, at: now, pending: all.length } satisfies StorageProblem });
          return true;
        } catch {
          return false;
        }
      }),
    /** Notes a problem that kept nothing aside (a lookup or a search failed). */
    note: (code: StorageProblemCode, now: string) =>
      serial(async () => {
        const pending = (await read()).length;
        await area.set({ [STORAGE_PROBLEM_KEY]: { code, at: now, pending } satisfies StorageProblem }).catch(() => undefined);
      }),
    /**
     * Writes the waiting calls, oldest first, through `write`. Stops at the
     * first that meets a storage problem again (the rest keep waiting);
     * answers what is left. The problem notice goes once nothing waits and the
     * base took a write.
     */
    flush: (write: (entry: E) => Promise<void>) =>
      serial(async () => {
        const all = await read();
        if (all.length === 0) {
          if (await problem()) await area.remove(STORAGE_PROBLEM_KEY);
          return { written: 0, left: 0, problem: undefined as StorageProblemCode | undefined };
        }
        let written = 0;
        let stuck: StorageProblemCode | undefined;
        const left: E[] = [];
        for (const entry of all) {
          if (stuck) {
            left.push(entry);
            continue;
          }
          try {
            await write(entry);
            written++;
          } catch (error) {
            stuck = storageProblemOf(error);
            // A call the base refuses for another reason (its company was deleted since) cannot
            // become valid by waiting: it is dropped, and said so in the background's log.
            if (stuck) left.push(entry);
            else console.warn('callmark: a call kept aside could not be written', entry.callId, error);
          }
        }
        if (left.length) {
          await area.set({ [PENDING_CALLS_KEY]: left, [STORAGE_PROBLEM_KEY]: { code: stuck!, at: new Date().toISOString(), pending: left.length } satisfies StorageProblem });
        } else {
          await area.remove([PENDING_CALLS_KEY, STORAGE_PROBLEM_KEY]);
        }
        return { written, left: left.length, problem: stuck };
      }),
  };
}

export type PendingCalls<E extends PendingCall = PendingCall> = ReturnType<typeof createPendingCalls<E>>;
