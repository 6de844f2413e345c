import { companiesOf, type Change } from './changes';
import { materializeGroup, type GroupResult } from './merge';

/**
 * Where a replica keeps its changes and its materialised base. The extension
 * implements it over IndexedDB (one transaction per batch), the tests in memory.
 */
export interface ReplicaStore {
  /** Which of these change ids are already known. */
  knownIds(ids: string[]): Promise<Set<string>>;
  addChanges(changes: Change[]): Promise<void>;
  /** Every stored change about any of these companies (a merge is about both of its sides). */
  changesAbout(companyIds: string[]): Promise<Change[]>;
  /** Replaces what the base holds for these companies by the group's result. */
  writeGroup(result: GroupResult): Promise<void>;
}

/**
 * Applies changes (local or pulled, in any order, duplicates included): new
 * ones are stored, then every group of companies they touch is computed again
 * from all of its changes, so the result never depends on arrival order.
 * Returns the ids of the companies whose base entry was rewritten.
 */
export async function applyChanges(store: ReplicaStore, incoming: readonly Change[], options: { force?: boolean } = {}): Promise<string[]> {
  const byId = new Map<string, Change>();
  for (const c of incoming) byId.set(c.id, c);
  const known = await store.knownIds([...byId.keys()]);
  const unseen = [...byId.values()].filter((c) => !known.has(c.id));
  // `force`: recompute the groups even of known changes (a pulled page whose
  // application an earlier, interrupted run may not have finished).
  const fresh = options.force ? [...byId.values()] : unseen;
  if (fresh.length === 0) return [];
  if (unseen.length) await store.addChanges(unseen);

  const done = new Set<string>();
  const touched: string[] = [];
  for (const seed of new Set(fresh.flatMap(companiesOf))) {
    if (done.has(seed)) continue;
    // The whole group: follow merges until no new company appears.
    const members = new Set([seed]);
    let frontier = [seed];
    let changes: Change[] = [];
    while (frontier.length > 0) {
      changes = await store.changesAbout([...members]);
      frontier = [];
      for (const c of changes) {
        for (const id of companiesOf(c)) {
          if (members.has(id)) continue;
          members.add(id);
          frontier.push(id);
        }
      }
    }
    const result = materializeGroup(changes);
    for (const id of result.members) done.add(id);
    await store.writeGroup(result);
    touched.push(...result.members);
  }
  return touched;
}

/** An in-memory replica: the tests' and the server's reference implementation. */
export class MemoryReplica implements ReplicaStore {
  readonly changes = new Map<string, Change>();
  readonly companies = new Map<string, NonNullable<GroupResult['company']>>();
  readonly calls = new Map<string, GroupResult['calls'][number]>();

  async knownIds(ids: string[]) {
    return new Set(ids.filter((id) => this.changes.has(id)));
  }
  async addChanges(changes: Change[]) {
    for (const c of changes) this.changes.set(c.id, c);
  }
  async changesAbout(companyIds: string[]) {
    const wanted = new Set(companyIds);
    return [...this.changes.values()].filter((c) => companiesOf(c).some((id) => wanted.has(id)));
  }
  async writeGroup(result: GroupResult) {
    const members = new Set(result.members);
    for (const id of members) this.companies.delete(id);
    for (const [id, call] of this.calls) if (members.has(call.companyId)) this.calls.delete(id);
    if (!result.company) return;
    this.companies.set(result.company.id, result.company);
    for (const call of result.calls) this.calls.set(call.id, call);
  }
}
