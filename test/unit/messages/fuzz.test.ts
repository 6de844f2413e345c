import fc from 'fast-check';
import type { Browser } from 'wxt/browser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model';
import { createHandlers } from '../../../lib/messages/handlers';
import { ERROR_CODES, Envelope, protocol, type RequestType } from '../../../lib/messages/protocol';
import { createRouter } from '../../../lib/messages/router';
import type { Db } from '../../../lib/store/schema';
import { freshDb, listing } from '../store/helpers';
import { arbitraryOf, mutated } from './zod-arbitrary';

/**
 * 10,000 messages, drawn from the protocol's own schemas and then broken, sent
 * to the background's router: each gets an answer of the protocol's shape (an
 * error, or data for a valid request), nothing throws, and whenever the answer
 * is an error the base is byte-for-byte what it was before the message.
 */
export const FUZZ_RUNS = 10_000;

const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
const senders: Browser.runtime.MessageSender[] = [
  { id: SELF.id, tab: { id: 7 } as Browser.tabs.Tab, url: 'https://2gis.ru/moscow' },
  { id: SELF.id, url: `${SELF.origin}/popup.html` },
];
const foreign: Browser.runtime.MessageSender[] = [
  { id: 'another-extension', tab: { id: 1 } as Browser.tabs.Tab },
  { url: 'https://evil.example/' },
  { id: SELF.id, url: 'https://evil.example/' },
];

const NOW = new Date('2026-11-22T12:00:00.000Z');

/** Every record of every store, serialised in key order: two equal dumps are the same base. */
async function dump(db: Db): Promise<string> {
  const stores = [...db.objectStoreNames].sort();
  const parts: string[] = [];
  for (const store of stores) parts.push(`${store}:${JSON.stringify(await db.getAll(store as never))}`);
  return parts.join('\n');
}

const types = Object.keys(protocol) as RequestType[];
const validMessage = fc.oneof(...types.map((type) => arbitraryOf(protocol[type].request).map((payload) => ({ type, payload }))));
const anyMessage = fc.oneof(
  { weight: 1, arbitrary: validMessage },
  { weight: 7, arbitrary: mutated(validMessage) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.record({ type: fc.oneof(fc.string(), fc.constantFrom(...types, 'dropDatabase', '__proto__', 'constructor')), payload: fc.anything({ maxDepth: 2 }) }) },
);

describe('fuzzing the background router', () => {
  it(`answers ${FUZZ_RUNS.toLocaleString('en')} random and malformed messages, and refusals change nothing`, async () => {
    const db = await freshDb();
    const handlers = createHandlers({ db: async () => db, settings: async () => ({ ...DEFAULT_SETTINGS, managerName: 'Анна' }), announce: async () => {}, now: () => NOW });
    const route = createRouter(handlers, SELF);
    // A base with something in it: a refused company, a call-back, a client.
    for (const [i, call] of [{ outcome: 'refused', reason: 'дорого' }, { outcome: 'callback', callbackAt: '2026-11-23T10:00:00.000Z' }, { outcome: 'client' }].entries()) {
      const reply = await route({ type: 'logCall', payload: { listing: listing({ name: `Кафе ${i}`, siteId: String(i), phones: [`+7495000000${i}`] }), call } }, senders[0]!);
      expect(reply.ok).toBe(true);
    }

    const tally = { sent: 0, invalid: 0, valid: 0, accepted: 0, refusedByHandler: 0, forbidden: 0 };
    // Dumping the base after every message would take minutes; it is compared around every
    // request that may write, and after each run of others: any change by a refusal shows.
    const WRITES: ReadonlySet<string> = new Set(['logCall', 'undoCall', 'saveCompany', 'deleteCompany', 'restoreCompany', 'restoreCall', 'mergeCompanies', 'notDuplicate', 'collect']);
    let before = await dump(db);
    let sinceCheck: unknown[] = [];
    const check = async (what: string) => {
      const now = await dump(db);
      expect(now, `${what} changed the base: ${JSON.stringify(sinceCheck).slice(0, 2000)}`).toBe(before);
      sinceCheck = [];
    };
    const draws = fc.sample(fc.tuple(anyMessage, fc.nat({ max: 19 })), { numRuns: FUZZ_RUNS, seed: 20261122 });
    for (const [message, who] of draws) {
      const fromForeign = who === 0;
      const sender = fromForeign ? foreign[who % foreign.length]! : senders[who % senders.length]!;
      const envelope = Envelope.safeParse(message);
      const valid = envelope.success && protocol[envelope.data.type].request.safeParse(envelope.data.payload).success;
      const mayWrite = valid && !fromForeign && WRITES.has(envelope.data!.type);
      tally.sent++;
      if (valid) tally.valid++;
      else tally.invalid++;
      if (mayWrite || sinceCheck.length >= 500) await check('a refused message');

      const reply = await route(message, sender);
      sinceCheck.push(message);

      expect(typeof reply).toBe('object');
      expect(typeof reply.ok).toBe('boolean');
      if (!reply.ok) {
        expect(ERROR_CODES).toContain(reply.error.code);
        expect(typeof reply.error.message).toBe('string');
        expect(reply.error.message).not.toMatch(/\n\s+at /); // no stack
      }
      if (fromForeign) {
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        tally.forbidden++;
      } else if (!valid) {
        expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      } else if (reply.ok) {
        tally.accepted++;
      } else {
        // A valid request the base cannot serve: a company that is not there, a call-back in the past…
        expect(['not_found', 'invalid']).toContain(reply.error.code);
        tally.refusedByHandler++;
      }
      if (mayWrite) {
        // Only an accepted write may change the base; a refused one leaves it as it was.
        if (!reply.ok) await check(`a refused ${envelope.data!.type}`);
        else {
          before = await dump(db);
          sinceCheck = [];
        }
      }
    }
    await check('a refused message');

    expect(tally.sent).toBe(FUZZ_RUNS);
    // The draw covers every kind of answer.
    expect(tally.invalid).toBeGreaterThan(FUZZ_RUNS / 2);
    expect(tally.accepted).toBeGreaterThan(200);
    expect(tally.refusedByHandler).toBeGreaterThan(10);
    expect(tally.forbidden).toBeGreaterThan(100);
    // Nothing polluted the prototypes of this realm.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.info('fuzz', JSON.stringify(tally));
  }, 600_000);
});
