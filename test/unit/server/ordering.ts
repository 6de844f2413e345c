import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { client, startApp, teamOfTwo, urlOf, type ServerContext } from './helpers';
import { companyChange } from './changes';

/**
 * The known way to lose events: a sequence number taken before commit lets a
 * slow transaction land behind a cursor a client already passed. Here push A
 * takes its number and stalls before commit; push B starts later and would
 * commit first. The counter row's lock makes B wait, so every pull, taken at
 * any moment, sees a gapless prefix of the sequence.
 */
export function orderingTests(shared: () => ServerContext) {
  describe('concurrent pushes', () => {
    let app: FastifyInstance;
    let ctx: { url: string };
    let stall: { reached: () => void; release: Promise<void> } | undefined;
    beforeAll(async () => {
      app = await startApp(shared().db, {
        pushHooks: {
          beforeCommit: async () => {
            const s = stall;
            stall = undefined;
            if (s) {
              s.reached();
              await s.release;
            }
          },
        },
      });
      ctx = { url: urlOf(app) };
    }, 60_000);
    afterAll(() => app.close());

    it('commit in sequence order, so no pull misses a change', async () => {
      const { head, manager } = await teamOfTwo(ctx.url);
      let release!: () => void;
      let reached!: () => void;
      const atCommit = new Promise<void>((r) => (reached = r));
      stall = { reached, release: new Promise<void>((r) => (release = r)) };

      // Which answer reaches the client first says nothing of commit order once
      // A is released (both then commit at once), so what is checked is that B
      // could not answer while A stalled, and took the number after A's.
      let released = false;
      const answeredBeforeRelease: string[] = [];
      const noteAnswer = (name: string) => () => void (released || answeredBeforeRelease.push(name));
      const pushA = client(ctx.url, head.token).post('/sync/push', { changes: [companyChange()] });
      void pushA.then(noteAnswer('A'));
      await atCommit; // A holds seq 1, not yet committed
      const pushB = client(ctx.url, manager.token).post('/sync/push', { changes: [companyChange()] });
      void pushB.then(noteAnswer('B'));
      const pullDuring = client(ctx.url, manager.token).get('/sync/pull?after=0');
      await new Promise((r) => setTimeout(r, 400));
      released = true;
      release();
      const [a, b, during] = await Promise.all([pushA, pushB, pullDuring]);
      expect(answeredBeforeRelease).toEqual([]); // B could not commit ahead of A
      expect(a.body.seq).toBe(1);
      expect(b.body.seq).toBe(2);

      // Whatever the pull taken during the stall saw is a prefix; from its cursor, the rest follows.
      const seenDuring: number[] = during.body.changes.map((c: { seq: number }) => c.seq);
      expect(seenDuring).toEqual(Array.from({ length: seenDuring.length }, (_, i) => i + 1));
      const cursor = seenDuring.at(-1) ?? 0;
      const rest = await client(ctx.url, manager.token).get(`/sync/pull?after=${cursor}`);
      expect([...seenDuring, ...rest.body.changes.map((c: { seq: number }) => c.seq)]).toEqual([1, 2]);
    });

    it('many concurrent pushers get distinct, gapless sequence numbers', async () => {
      const { head } = await teamOfTwo(ctx.url);
      const results = await Promise.all(
        Array.from({ length: 12 }, () => client(ctx.url, head.token).post('/sync/push', { changes: [companyChange(), companyChange()] })),
      );
      const seqs = results.flatMap((r) => r.body.results.map((x: { seq: number }) => x.seq)).sort((x: number, y: number) => x - y);
      expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    });
  });
}
