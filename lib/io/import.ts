/**
 * An import from start to end, in the worker: rows read with a mapping, the
 * base indexed, the plan shown as a preview, then written in batches, each a
 * transaction of its own, with progress and a way to stop between batches.
 */
import type { CountryCode } from '../match/phone';
import { writeCompanyBatch, type CompanyWrite } from '../store/batch';
import type { Db } from '../store/schema';
import type { ColumnMapping } from './columns';
import { mergeRecords, type ImportContext } from './merge';
import { KeyIndex, planImport, slimOf, type ImportPlan } from './plan';
import { readRow, type RowResult } from './rows';
import type { Table } from './table';

export const IMPORT_BATCH = 500;
const SCAN_CHUNK = 2000;

export function readRows(table: Table, mapping: ColumnMapping, defaultCountry: CountryCode): RowResult[] {
  const out: RowResult[] = [];
  table.rows.forEach((cells, i) => {
    // Blank rows in the middle are not data, but keep the numbering of the rows after them.
    if (cells.every((c) => !c.trim())) return;
    out.push(readRow(cells, table.firstRow + i, mapping, defaultCountry));
  });
  return out;
}

/** Every stored company, slimmed to its match keys, read in chunks of a few thousand. */
export async function indexBase(db: Db): Promise<KeyIndex> {
  const index = new KeyIndex();
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const chunk = await db.getAll('companies', range, SCAN_CHUNK);
    for (const c of chunk) index.add(slimOf(c));
    if (chunk.length < SCAN_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  return index;
}

export async function previewImport(db: Db, table: Table, mapping: ColumnMapping, defaultCountry: CountryCode): Promise<ImportPlan> {
  const [rows, base] = [readRows(table, mapping, defaultCountry), await indexBase(db)];
  return planImport(rows, base);
}

export interface ImportProgress {
  done: number;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  callsAdded: number;
}

/**
 * Writes the plan. `shouldStop` is asked between batches; what was written
 * stays written (each batch whole), and running the import again finishes it
 * without duplicates.
 */
export async function commitImport(
  db: Db,
  plan: ImportPlan,
  ctx: ImportContext,
  hooks: {
    onProgress?: (p: ImportProgress) => void | Promise<void>;
    shouldStop?: () => boolean;
    /** After each batch is saved and reported (batch number from 1); the test hook that cuts an import short waits here. */
    afterBatch?: (batch: number) => Promise<void>;
  } = {},
): Promise<ImportProgress & { stopped: boolean }> {
  const progress: ImportProgress = { done: 0, total: plan.groups.length, created: 0, updated: 0, unchanged: 0, callsAdded: 0 };
  for (let i = 0; i < plan.groups.length; i += IMPORT_BATCH) {
    if (hooks.shouldStop?.()) return { ...progress, stopped: true };
    const writes: CompanyWrite[] = plan.groups.slice(i, i + IMPORT_BATCH).map((g) => ({
      id: g.companyId,
      fresh: !g.existing,
      build: (existing) => mergeRecords(g.companyId, existing, g.records, ctx),
    }));
    const r = await writeCompanyBatch(db, writes, ctx.now);
    progress.done += writes.length;
    progress.created += r.created;
    progress.updated += r.updated;
    progress.unchanged += r.unchanged;
    progress.callsAdded += r.callsAdded;
    await hooks.onProgress?.({ ...progress });
    await hooks.afterBatch?.(i / IMPORT_BATCH + 1);
  }
  return { ...progress, stopped: false };
}
