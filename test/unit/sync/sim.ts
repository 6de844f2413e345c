import type { Call } from '../../../lib/model';
import { applyChanges, MemoryReplica } from '../../../lib/sync/apply';
import type { Change, SyncedChange } from '../../../lib/sync/changes';
import { duplicateKeys } from '../../../lib/sync/duplicates';
import { formatHlc, hlcZero, receive, parseHlc, tick, type Hlc } from '../../../lib/sync/hlc';
import { callLogged, callUndone, companiesMerged, companyCreated, companyDeleted, fieldEdits } from '../../../lib/sync/local';

/** Deterministic UUIDs, so fast-check can replay and shrink a run. */
export function uuidFactory(prefix: number) {
  let n = 0;
  return () => `00000000-0000-4000-8${prefix}00-${(++n).toString(16).padStart(12, '0')}`;
}

/** The team server's rules in memory: idempotent push, one sequence, merge of cross-manager duplicates. */
export class SimServer {
  readonly log: SyncedChange[] = [];
  private readonly seqOf = new Map<string, number>();
  private readonly keys = new Map<string, string>();
  private clock: Hlc = hlcZero('server');
  private readonly uuid = uuidFactory(9);

  push(changes: Change[], wall: number): number[] {
    return changes.map((change) => {
      const known = this.seqOf.get(change.id);
      if (known) return known;
      this.clock = receive(this.clock, parseHlc(change.hlc), wall);
      const seq = this.append(change);
      if (change.kind === 'company') {
        for (const key of duplicateKeys(change.fields)) {
          const other = this.keys.get(key);
          if (other && other !== change.companyId) {
            this.clock = tick(this.clock, wall);
            this.append({ kind: 'merge', id: this.uuid(), hlc: formatHlc(this.clock), companyId: change.companyId, into: other });
            break;
          }
        }
        for (const key of duplicateKeys(change.fields)) if (!this.keys.has(key)) this.keys.set(key, change.companyId);
      }
      return seq;
    });
  }

  private append(change: Change): number {
    const seq = this.log.length + 1;
    this.log.push({ seq, change });
    this.seqOf.set(change.id, seq);
    return seq;
  }

  pull(after: number, limit: number): SyncedChange[] {
    return this.log.filter((c) => c.seq > after).slice(0, limit);
  }
}

const PHONES = ['+74957083112', '+74951234567', '+78125550000', '+73832000000'];

/** One device: its own replica, clock, outbox and cursor. */
export class SimClient {
  readonly replica = new MemoryReplica();
  readonly outbox: Change[] = [];
  cursor = 0;
  wall = 1_700_000_000_000;
  private clock: Hlc;
  readonly uuid: () => string;

  constructor(readonly index: number) {
    this.clock = hlcZero(`node${index}`);
    this.uuid = uuidFactory(index + 1);
  }

  private now(): string {
    this.clock = tick(this.clock, this.wall);
    return formatHlc(this.clock);
  }

  private async local(change: Change) {
    this.outbox.push(change);
    await applyChanges(this.replica, [change]);
  }

  private pick<T>(list: T[], n: number): T | undefined {
    return list.length ? list[n % list.length] : undefined;
  }

  async create(listing: number) {
    const at = new Date(this.wall).toISOString();
    const company = {
      id: this.uuid(),
      name: `Кафе ${listing}`,
      nameKey: '',
      phones: [PHONES[listing % PHONES.length]!],
      phoneKeys: [],
      siteKeys: [`2gis:${listing}`],
      sources: [],
      decisionMakers: [],
      note: '',
      createdAt: at,
      updatedAt: at,
      status: 'new' as const,
      callCount: 0,
    };
    await this.local({ ...companyCreated(company, this.now()), id: this.uuid() });
  }

  async call(target: number, outcome: Call['outcome']) {
    const company = this.pick([...this.replica.companies.values()], target);
    if (!company) return;
    const call: Call = { id: this.uuid(), companyId: company.id, at: new Date(this.wall).toISOString(), outcome, note: '', manager: `m${this.index}` };
    await this.local(callLogged(call, this.now()));
  }

  async edit(target: number, value: number) {
    const company = this.pick([...this.replica.companies.values()], target);
    if (!company) return;
    const after = { ...company, note: `note ${value}`, city: value % 3 === 0 ? undefined : `city ${value}`, phones: value % 2 ? [...company.phones, PHONES[value % 4]!] : company.phones };
    const change = fieldEdits(company, after, this.now());
    if (change) await this.local({ ...change, id: this.uuid() });
  }

  async remove(target: number) {
    const company = this.pick([...this.replica.companies.values()], target);
    if (company) await this.local({ ...companyDeleted(company.id, this.now()), id: this.uuid() });
  }

  async undo(target: number) {
    const call = this.pick([...this.replica.calls.values()], target);
    if (call) await this.local({ ...callUndone(call, this.now()), id: this.uuid() });
  }

  async merge(a: number, b: number) {
    const list = [...this.replica.companies.values()];
    const from = this.pick(list, a);
    const into = this.pick(list, b);
    if (from && into && from.id !== into.id) await this.local({ ...companiesMerged(from.id, into.id, this.now()), id: this.uuid() });
  }

  /** Pushes some of the outbox (maybe again: a lost reply makes the client resend). */
  push(server: SimServer, count: number, resend: boolean) {
    const batch = this.outbox.slice(0, Math.max(1, count));
    server.push(batch, this.wall);
    if (!resend) this.outbox.splice(0, batch.length);
  }

  /** Pulls one page; delivers it shuffled, perhaps twice; sometimes "crashes" before saving the cursor. */
  async pull(server: SimServer, limit: number, shuffle: number, saveCursor: boolean) {
    const page = server.pull(this.cursor, limit);
    if (page.length === 0) return;
    const changes = page.map((p) => p.change);
    const rotated = changes.slice(shuffle % changes.length).concat(changes.slice(0, shuffle % changes.length)).reverse();
    for (const c of page) this.clock = receive(this.clock, parseHlc(c.change.hlc), this.wall);
    await applyChanges(this.replica, rotated);
    if (shuffle % 3 === 0) await applyChanges(this.replica, changes.slice(0, 1 + (shuffle % changes.length)));
    if (saveCursor) this.cursor = page[page.length - 1]!.seq;
  }

  async syncFully(server: SimServer) {
    while (this.outbox.length) this.push(server, 50, false);
    for (;;) {
      const before = this.cursor;
      await this.pull(server, 7, 1, true);
      if (this.cursor === before) break;
    }
  }
}
