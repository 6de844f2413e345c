/**
 * The journal of a running import or restore, kept apart from the base (its
 * own small database): if the browser closes mid-way, the next start finds it,
 * says the job was cut short, and can resume it from the file kept here. The
 * batches already written stay; resuming writes the rest (the ids are derived
 * from the content, so nothing is written twice).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ColumnMapping } from './columns';

export interface Job {
  kind: 'import' | 'restore';
  fileName: string;
  file: Blob;
  /** import: the column mapping used. */
  mapping?: ColumnMapping;
  /** restore: how. */
  mode?: 'merge' | 'replace';
  startedAt: string;
  total: number;
  done: number;
}

interface JobsDB extends DBSchema {
  jobs: { key: string; value: Job };
}

const NAME = 'callmark-jobs';
const KEY = 'current';

let opened: Promise<IDBPDatabase<JobsDB>> | undefined;
const jobsDb = () =>
  (opened ??= openDB<JobsDB>(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('jobs');
    },
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  }));

export async function startJob(job: Job): Promise<void> {
  await (await jobsDb()).put('jobs', job, KEY);
}

export async function updateJob(done: number): Promise<void> {
  const db = await jobsDb();
  const tx = db.transaction('jobs', 'readwrite');
  const job = await tx.store.get(KEY);
  if (job) await tx.store.put({ ...job, done }, KEY);
  await tx.done;
}

export async function finishJob(): Promise<void> {
  await (await jobsDb()).delete('jobs', KEY);
}

/** The job a previous page left unfinished, if any. */
export async function unfinishedJob(): Promise<Job | undefined> {
  try {
    return await (await jobsDb()).get('jobs', KEY);
  } catch {
    return undefined;
  }
}
