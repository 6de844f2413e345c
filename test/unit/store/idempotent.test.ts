import { describe, expect, it } from 'vitest';
import { logCall } from '../../../lib/store/calls';
import { freshDb, listing } from './helpers';

/**
 * A call carries the id its page made for it, so sending it again (the service
 * worker was stopped before it answered, and the page retried) stores it once.
 */
describe('logging a call again by its id', () => {
  it('stores a retried call once, with its first answer, and creates no second company', async () => {
    const db = await freshDb();
    const id = crypto.randomUUID();
    const first = await logCall(db, { listing: listing() }, { id, outcome: 'refused', reason: 'дорого' }, 'RU');
    const again = await logCall(db, { listing: listing() }, { id, outcome: 'refused', reason: 'дорого' }, 'RU');
    expect(first.call.id).toBe(id);
    expect(again).toEqual(first);
    expect(await db.count('calls')).toBe(1);
    expect(await db.count('companies')).toBe(1);
    expect((await db.get('companies', first.company.id))?.callCount).toBe(1);
  });

  it('stores every retry of many calls sent at once exactly once', async () => {
    const db = await freshDb();
    const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
    const target = await logCall(db, { listing: listing() }, { outcome: 'no_answer' }, 'RU');
    // Each call sent three times, all interleaved, as retries from a page racing a restarted worker would be.
    await Promise.all(ids.flatMap((id) => [0, 1, 2].map(() => logCall(db, { companyId: target.company.id }, { id, outcome: 'no_answer' }, 'RU'))));
    expect(await db.count('calls')).toBe(51);
    expect((await db.get('companies', target.company.id))?.callCount).toBe(51);
  });

  it('logs calls without an id as before, each with a fresh one', async () => {
    const db = await freshDb();
    const a = await logCall(db, { listing: listing() }, { outcome: 'no_answer' }, 'RU');
    const b = await logCall(db, { companyId: a.company.id }, { outcome: 'no_answer' }, 'RU');
    expect(a.call.id).not.toBe(b.call.id);
    expect(await db.count('calls')).toBe(2);
  });
});
