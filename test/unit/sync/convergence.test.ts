import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../../lib/model';
import { materialize } from '../../../lib/sync/merge';
import { SimClient, SimServer } from './sim';

const step = fc.oneof(
  fc.record({ op: fc.constant('create' as const), listing: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant('call' as const), target: fc.nat(20), outcome: fc.constantFrom(...OUTCOMES) }),
  fc.record({ op: fc.constant('edit' as const), target: fc.nat(20), value: fc.nat(30) }),
  fc.record({ op: fc.constant('remove' as const), target: fc.nat(20) }),
  fc.record({ op: fc.constant('undo' as const), target: fc.nat(20) }),
  fc.record({ op: fc.constant('merge' as const), a: fc.nat(20), b: fc.nat(20) }),
  fc.record({ op: fc.constant('push' as const), count: fc.integer({ min: 1, max: 6 }), resend: fc.boolean() }),
  fc.record({ op: fc.constant('pull' as const), limit: fc.integer({ min: 1, max: 5 }), shuffle: fc.nat(10), save: fc.boolean() }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: -5000, max: 60_000 }) }),
);
const run = fc.array(fc.record({ client: fc.integer({ min: 0, max: 2 }), step }), { minLength: 1, maxLength: 60 });

const sorted = <T extends { id: string }>(list: Iterable<T>) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('three devices syncing through one server', () => {
  it('end with identical bases, equal to the reference merge of every change, whatever the order of delivery', async () => {
    await fc.assert(
      fc.asyncProperty(run, async (steps) => {
        const server = new SimServer();
        const clients = [new SimClient(0), new SimClient(1), new SimClient(2)];
        for (const { client, step: s } of steps) {
          const c = clients[client]!;
          c.wall += 1000;
          switch (s.op) {
            case 'create': await c.create(s.listing); break;
            case 'call': await c.call(s.target, s.outcome); break;
            case 'edit': await c.edit(s.target, s.value); break;
            case 'remove': await c.remove(s.target); break;
            case 'undo': await c.undo(s.target); break;
            case 'merge': await c.merge(s.a, s.b); break;
            case 'push': if (c.outbox.length) c.push(server, s.count, s.resend); break;
            case 'pull': await c.pull(server, s.limit, s.shuffle, s.save); break;
            // A device clock that jumps back must not break anything either.
            case 'wait': c.wall += s.ms; break;
          }
        }
        for (const c of clients) await c.syncFully(server);
        for (const c of clients) await c.syncFully(server);

        const reference = materialize(server.log.map((s) => s.change));
        for (const c of clients) {
          expect(sorted(c.replica.companies.values())).toEqual(sorted(reference.companies));
          expect(sorted(c.replica.calls.values())).toEqual(sorted(reference.calls));
        }
        // Nothing doubled: every call id once, and each company's count matches its calls.
        for (const company of reference.companies) {
          expect(company.callCount).toBe(reference.calls.filter((call) => call.companyId === company.id).length);
        }
      }),
      { numRuns: 150 },
    );
  });
});
