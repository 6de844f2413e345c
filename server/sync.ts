import type { Change, SyncedChange } from '../lib/sync/changes';
import { duplicateKeys } from '../lib/sync/duplicates';
import { formatHlc, parseHlc, receive, tick, type Hlc } from '../lib/sync/hlc';
import type { Caller } from './auth';
import type { Database, Queryable } from './db';

export interface PushResult {
  results: Array<{ id: string; seq: number; duplicate: boolean }>;
  seq: number;
}

export interface PushHooks {
  /** Tests: runs inside the transaction after the sequence numbers are taken, before commit. */
  beforeCommit?: (seq: number) => Promise<void>;
}

let serverClock: Hlc = { millis: 0, counter: 0, node: 'server' };

/**
 * Stores a batch of changes in one transaction. The team's counter row is
 * locked first and bumped last, so a later sequence number can never commit
 * before an earlier one: a pull that has passed seq N never misses a change
 * numbered N or below. Known change ids keep their first number (idempotent).
 */
export async function push(db: Database, caller: Caller, changes: Change[], hooks: PushHooks = {}): Promise<PushResult> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1 FOR UPDATE', [caller.teamId]);
    let seq = Number(rows[0]!.seq);
    const ids = changes.map((c) => c.id);
    const known = new Map<string, number>();
    const existing = await tx.query<{ id: string; seq: number }>('SELECT id, seq FROM changes WHERE team_id = $1 AND id = ANY($2::uuid[])', [caller.teamId, ids]);
    for (const row of existing.rows) known.set(row.id, Number(row.seq));

    const results: PushResult['results'] = [];
    const append = async (change: Change, memberId: string | null) => {
      seq += 1;
      await tx.query(
        `INSERT INTO changes (team_id, seq, id, kind, company_id, hlc, body, member_id) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
        [caller.teamId, seq, change.id, change.kind, change.companyId, change.hlc, JSON.stringify(change), memberId],
      );
      known.set(change.id, seq);
      return seq;
    };
    for (const change of changes) {
      const first = known.get(change.id);
      if (first !== undefined) {
        results.push({ id: change.id, seq: first, duplicate: true });
        continue;
      }
      try {
        serverClock = receive(serverClock, parseHlc(change.hlc), Date.now());
      } catch {
        // A device clock a day ahead: stored as sent, the server's own clock stays sane.
      }
      results.push({ id: change.id, seq: await append(change, caller.memberId), duplicate: false });
      if (change.kind === 'company' || change.kind === 'edit') await mergeDuplicates(tx, caller.teamId, change, append);
    }
    await tx.query('UPDATE teams SET seq = $2 WHERE id = $1', [caller.teamId, seq]);
    await hooks.beforeCommit?.(seq);
    return { results, seq };
  });
}

/**
 * Two managers created the same company offline (same listing, INN or phone):
 * the newer is merged into the company that had the key first. The merge is a
 * change like any other, so every device applies it with the same rules.
 */
async function mergeDuplicates(
  tx: Queryable,
  teamId: string,
  change: Extract<Change, { kind: 'company' | 'edit' }>,
  append: (change: Change, memberId: string | null) => Promise<number>,
) {
  const keys = duplicateKeys(change.fields);
  if (keys.length === 0) return;
  const { rows } = await tx.query<{ key: string; company_id: string }>(
    'SELECT key, company_id FROM company_keys WHERE team_id = $1 AND key = ANY($2::text[])',
    [teamId, keys],
  );
  const other = rows.find((r) => r.company_id !== change.companyId);
  if (other && change.kind === 'company') {
    serverClock = tick(serverClock, Date.now());
    await append({ kind: 'merge', id: crypto.randomUUID(), hlc: formatHlc(serverClock), companyId: change.companyId, into: other.company_id }, null);
  }
  await tx.query(
    `INSERT INTO company_keys (team_id, key, company_id) SELECT $1, k, $3 FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING`,
    [teamId, keys, change.companyId],
  );
}

export async function pull(db: Queryable, teamId: string, after: number, limit: number): Promise<{ changes: SyncedChange[]; hasMore: boolean; seq: number }> {
  const { rows } = await db.query<{ seq: number; body: Change; member_id: string | null }>(
    'SELECT seq, body, member_id FROM changes WHERE team_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
    [teamId, after, limit + 1],
  );
  // Read after the page, so the head is never behind what the page holds.
  const head = await db.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [teamId]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit).map((r) => ({
    seq: Number(r.seq),
    change: typeof r.body === 'string' ? (JSON.parse(r.body) as Change) : r.body,
    ...(r.member_id ? { memberId: r.member_id } : {}),
  }));
  return { changes: page, hasMore, seq: Number(head.rows[0]?.seq ?? 0) };
}
