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
  /** `current`: the job (without its file); `current-file`: its file. */
  jobs: { key: string; value: Job | Blob };
}

const NAME = 'callmark-jobs';
const KEY = 'current';
/**
 * The job's file is kept under a key of its own, written once: the job record
 * is rewritten after every batch, and a Blob inside it would be stored again
 * each time (a 15 MB file, 200 times, in a 100,000-row import).
 */
const FILE_KEY = 'current-file';

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
  const db = await jobsDb();
  const tx = db.transaction('jobs', 'readwrite');
  const { file, ...rest } = job;
  await Promise.all([tx.store.put(file, FILE_KEY), tx.store.put(rest as Job, KEY), tx.done]);
}

export async function updateJob(done: number): Promise<void> {
  const db = await jobsDb();
  const tx = db.transaction('jobs', 'readwrite');
  const job = (await tx.store.get(KEY)) as Job | undefined;
  if (job) await tx.store.put({ ...job, done }, KEY);
  await tx.done;
}

export async function finishJob(): Promise<void> {
  const db = await jobsDb();
  const tx = db.transaction('jobs', 'readwrite');
  await Promise.all([tx.store.delete(KEY), tx.store.delete(FILE_KEY), tx.done]);
}

/** The job a previous page left unfinished, if any. */
export async function unfinishedJob(): Promise<Job | undefined> {
  try {
    const db = await jobsDb();
    const tx = db.transaction('jobs');
    const [stored, file] = await Promise.all([tx.store.get(KEY), tx.store.get(FILE_KEY)]);
    const job = stored as (Omit<Job, 'file'> & { file?: Blob }) | undefined;
    if (!job) return undefined;
    // A journal of an earlier version kept the file inside the job.
    const blob = (file as Blob | undefined) ?? job.file;
    await tx.done;
    return blob ? { ...job, file: blob } : undefined;
  } catch {
    return undefined;
  }
}
