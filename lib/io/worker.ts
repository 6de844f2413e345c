/// <reference lib="webworker" />
/**
 * The import/export worker: a module worker of our own, bundled by WXT, so
 * the options page never parses, matches, writes or serialises a base on its
 * own thread. It opens the base directly (IndexedDB is shared with the
 * background) and writes it through lib/store's batch functions only.
 */
import { readSheet } from 'read-excel-file/web-worker';
import type { CountryCode } from '../match/phone';
import type { Call, Company, Status } from '../model';
import { openDatabase } from '../store/db';
import type { Db } from '../store/schema';
import { readBackup, backupParts, BackupError, type Backup } from './backup';
import type { ColumnMapping } from './columns';
import {
  amoRow, AMO_HEADER, bitrixBody, bitrixHead, bitrixLayout, csvBody, csvHead, matchesFilter, type CompanyFilter, type LastCalls,
} from './export';
import { commitImport, indexBase, previewImport, type ImportProgress } from './import';
import { finishJob, startJob, updateJob, type Job } from './journal';
import type { ImportPlan } from './plan';
import { mergeBackup, replaceWithBackup, type RestoreProgress } from './restore';
import { FileFormatError, readTable, type Table } from './table';
import { WRITE_LOCK, type FromWorker, type ToWorker, type WorkerError } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

const CHUNK = 2000;

let db: Promise<Db> | undefined;
const base = () => (db ??= openDatabase());

let file: { blob: Blob; name: string } | undefined;
let table: Table | undefined;
let plan: ImportPlan | undefined;
let mapping: ColumnMapping | undefined;
let backup: Backup | undefined;
let backupFile: { blob: Blob; name: string } | undefined;
let cancelled = false;
let busy = false;

const post = (message: FromWorker) => self.postMessage(message);
const fail = (error: WorkerError) => post({ type: 'error', error });

function problemOf(error: unknown): WorkerError {
  if (error instanceof FileFormatError) return { code: 'file', reason: error.code };
  if (error instanceof BackupError) return { code: 'backup', problem: error.problem };
  if (error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message))) return { code: 'storageFull' };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Reads every company (or those the filter keeps) in chunks. With `ids` (the
 * base table's current view), only those records, in that order.
 */
async function* companiesOf(d: Db, filter?: CompanyFilter): AsyncGenerator<Company[]> {
  if (filter?.ids) {
    const rest = { ...filter, ids: undefined };
    for (let i = 0; i < filter.ids.length; i += CHUNK) {
      const tx = d.transaction('companies', 'readonly');
      const chunk = await Promise.all(filter.ids.slice(i, i + CHUNK).map((id) => tx.store.get(id)));
      yield chunk.filter((c): c is Company => !!c && matchesFilter(c, rest));
    }
    return;
  }
  let after: string | undefined;
  for (;;) {
    const chunk = await d.getAll('companies', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), CHUNK);
    yield filter ? chunk.filter((c) => matchesFilter(c, filter)) : chunk;
    if (chunk.length < CHUNK) return;
    after = chunk[chunk.length - 1]!.id;
  }
}

async function* callsOf(d: Db): AsyncGenerator<Call[]> {
  let after: string | undefined;
  for (;;) {
    const chunk = await d.getAll('calls', after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), CHUNK);
    yield chunk;
    if (chunk.length < CHUNK) return;
    after = chunk[chunk.length - 1]!.id;
  }
}

/** The last call of each of a few companies, through the companyAt index (no scan of every call). */
async function lastCallsOf(d: Db, chunks: readonly Company[][]): Promise<LastCalls> {
  const out = new Map<string, Call>();
  for (const chunk of chunks) {
    const tx = d.transaction('calls', 'readonly');
    const index = tx.store.index('companyAt');
    await Promise.all(
      chunk
        .filter((c) => c.callCount > 0)
        .map(async (c) => {
          const cursor = await index.openCursor(IDBKeyRange.bound([c.id, ''], [c.id, '\uffff']), 'prev');
          if (cursor) out.set(c.id, cursor.value);
        }),
    );
  }
  return out;
}

async function lastCalls(d: Db): Promise<LastCalls> {
  const last = new Map<string, Call>();
  for await (const chunk of callsOf(d)) {
    for (const c of chunk) {
      const known = last.get(c.companyId);
      if (!known || known.at < c.at) last.set(c.companyId, c);
    }
  }
  return new Map([...last].map(([id, c]) => [id, { at: c.at, manager: c.manager, note: c.note, reason: c.reason, outcome: c.outcome }]));
}

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const chunk of gen) out.push(chunk);
  return out;
}

async function exportFile(message: Extract<ToWorker, { type: 'export' }>): Promise<void> {
  const d = await base();
  const label = (s: Status) => message.words.statusLabels[s] ?? s;
  const words = message.words;
  if (message.format === 'backup') {
    const [companies, calls, reminders] = [await collect(companiesOf(d)), await collect(callsOf(d)), await d.getAll('reminders')];
    const parts = backupParts({ exportedAt: new Date().toISOString(), settings: message.settings }, companies, calls, reminders);
    const rows = companies.reduce((n, c) => n + c.length, 0);
    post({ type: 'file', blob: new Blob(parts, { type: 'application/json' }), rows });
    return;
  }
  const chunks = await collect(companiesOf(d, message.filter));
  const rows = chunks.reduce((n, c) => n + c.length, 0);
  // A view of the base table: its own last calls; the whole base: one pass over the calls.
  const lastOf = () => (message.filter?.ids ? lastCallsOf(d, chunks) : lastCalls(d));
  if (message.format === 'csv') {
    const last = await lastOf();
    const delimiter = message.delimiter ?? ';';
    const parts = [csvHead(delimiter), ...chunks.map((c) => csvBody(c, last, delimiter))];
    post({ type: 'file', blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows });
  } else if (message.format === 'bitrix24') {
    const { extraPhoneColumns } = bitrixLayout(chunks.flat());
    const parts = [bitrixHead(extraPhoneColumns), ...chunks.map((c) => bitrixBody(c, extraPhoneColumns, label, words))];
    post({ type: 'file', blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows });
  } else {
    const last = await lastOf();
    const { default: writeXlsxFile } = await import('write-excel-file/universal');
    const sheet = [AMO_HEADER, ...chunks.flatMap((c) => c.map((company) => amoRow(company, last, label, words)))].map((r) =>
      r.map((value) => ({ value, type: String })),
    );
    const blob = await writeXlsxFile(sheet as never).toBlob();
    post({ type: 'file', blob, rows });
  }
}

/**
 * Test builds only: an import that never goes on after batch `k` (as if the
 * page closed right then), so the end-to-end test can close the page mid-import.
 */
function testPause(k: number | undefined): ((batch: number) => Promise<void>) | undefined {
  if (!__TEST_HOOKS__ || !k) return undefined;
  return (batch) => (batch >= k ? new Promise<void>(() => {}) : Promise.resolve());
}

/** A journaled write: the journal says what runs until it ends, the lock says that it is still running. */
async function journaled<T extends { done: number }>(job: Job, work: (onProgress: (p: T) => Promise<void>) => Promise<T & { stopped: boolean }>) {
  return withWriteLock(async () => {
    await startJob(job);
    const result = await work(async (p) => {
      await updateJob(p.done);
      post({ type: 'progress', progress: p as never });
    });
    // Stopped by the user is finished too: what was written stays, nothing was cut short.
    await finishJob();
    return result;
  });
}

/** Holds the write lock while `work` runs, so another page can tell a running job from a cut-short one. */
async function withWriteLock<T>(work: () => Promise<T>): Promise<T> {
  if (!('locks' in navigator)) return work();
  return navigator.locks.request(WRITE_LOCK, work) as Promise<T>;
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'cancel':
      cancelled = true;
      return;
    case 'open': {
      const bytes = new Uint8Array(await message.file.arrayBuffer());
      table = await readTable(message.fileName, bytes, (data) => readSheet(data) as Promise<unknown[][]>);
      file = { blob: message.file, name: message.fileName };
      plan = undefined;
      post({ type: 'opened', headers: table.headers, sample: table.rows.slice(0, 5), rowCount: table.rows.length, ...(table.encoding ? { encoding: table.encoding } : {}) });
      return;
    }
    case 'preview': {
      if (!table) throw new Error('No file');
      mapping = message.mapping;
      plan = await previewImport(await base(), table, message.mapping, message.defaultCountry as CountryCode);
      const { groups, ...summary } = plan;
      post({ type: 'preview', summary: { ...summary, total: groups.length } });
      return;
    }
    case 'commit': {
      if (!plan || !file) throw new Error('No preview');
      const thePlan = plan;
      const theFile = file;
      cancelled = false;
      const now = new Date().toISOString();
      const job: Job = { kind: 'import', fileName: theFile.name, file: theFile.blob, mapping, startedAt: now, total: thePlan.groups.length, done: 0 };
      const result = await journaled<ImportProgress>(job, async (onProgress) =>
        commitImport(await base(), thePlan, { fileName: message.fileName, now }, { shouldStop: () => cancelled, onProgress, afterBatch: testPause(message.pauseAfterBatch) }),
      );
      plan = undefined;
      post({ type: 'imported', result });
      return;
    }
    case 'export':
      await exportFile(message);
      return;
    case 'restoreCheck': {
      backup = readBackup(await message.file.text());
      backupFile = { blob: message.file, name: message.fileName };
      post({ type: 'restoreChecked', companies: backup.companies.length, calls: backup.calls.length, schemaVersion: backup.schemaVersion, exportedAt: backup.exportedAt, ...(backup.settings ? { settings: backup.settings } : {}) });
      return;
    }
    case 'restore': {
      if (!backup || !backupFile) throw new Error('No backup');
      const theBackup = backup;
      const theFile = backupFile;
      cancelled = false;
      const now = new Date().toISOString();
      const job: Job = { kind: 'restore', fileName: theFile.name, file: theFile.blob, mode: message.mode, startedAt: now, total: theBackup.companies.length, done: 0 };
      const result = await journaled<RestoreProgress>(job, async (onProgress) => {
        const d = await base();
        if (message.mode === 'replace') return { ...(await replaceWithBackup(d, theBackup)), stopped: false };
        return mergeBackup(d, theBackup, await indexBase(d), now, { shouldStop: () => cancelled, onProgress });
      });
      backup = undefined;
      post({ type: 'restored', result, mode: message.mode, ...(theBackup.settings ? { settings: theBackup.settings } : {}) });
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') return void handle(message);
  if (busy) return fail({ code: 'busy' });
  busy = true;
  handle(message)
    .catch((error: unknown) => fail(problemOf(error)))
    .finally(() => (busy = false));
};
