/**
 * Messages between the options page and the import/export worker. The worker
 * is ours (bundled by WXT from lib/io/worker.ts), so both ends are trusted;
 * the file contents inside are not, and are checked where they are read.
 */
import type { Settings } from '../model/settings';
import type { BackupProblem } from './backup';
import type { ColumnMapping } from './columns';
import type { Delimiter } from './csv-write';
import type { CompanyFilter } from './export';
import type { ImportProgress } from './import';
import type { ImportPlan } from './plan';
import type { RestoreProgress } from './restore';

export type ExportFormat = 'csv' | 'bitrix24' | 'amocrm' | 'backup';

/** Words the worker writes into files (it has no access to the catalogues). */
export interface ExportWords {
  statusLabels: Record<string, string>;
  status: string;
  lastCall: string;
  reason: string;
}

export type ToWorker =
  | { type: 'open'; file: Blob; fileName: string }
  | { type: 'preview'; mapping: ColumnMapping; defaultCountry: string }
  /** `pauseAfterBatch` exists in test builds only: the import stops for good after that many batches (the e2e test of resuming). */
  | { type: 'commit'; fileName: string; pauseAfterBatch?: number }
  | { type: 'cancel' }
  | { type: 'export'; format: ExportFormat; delimiter?: Delimiter; filter?: CompanyFilter; words: ExportWords; settings: Settings }
  | { type: 'restoreCheck'; file: Blob; fileName: string }
  | { type: 'restore'; mode: 'merge' | 'replace' };

export type PreviewSummary = Omit<ImportPlan, 'groups'> & { total: number };

export type WorkerError =
  | { code: 'file'; reason: 'empty' | 'unreadable' | 'noHeader' }
  | { code: 'backup'; problem: BackupProblem }
  | { code: 'storageFull' }
  | { code: 'busy' }
  | { code: 'failed'; message: string };

export type FromWorker =
  | { type: 'opened'; headers: string[]; sample: string[][]; rowCount: number; encoding?: string }
  | { type: 'preview'; summary: PreviewSummary }
  | { type: 'progress'; progress: ImportProgress | RestoreProgress }
  | { type: 'imported'; result: ImportProgress & { stopped: boolean } }
  | { type: 'file'; blob: Blob; rows: number }
  | { type: 'restoreChecked'; companies: number; calls: number; schemaVersion: number; exportedAt: string; settings?: Settings }
  | { type: 'restored'; result: RestoreProgress & { stopped: boolean }; settings?: Settings; mode: 'merge' | 'replace' }
  | { type: 'error'; error: WorkerError };

/** Held by the worker while it writes: a page that finds a journal but no holder knows the job was cut short. */
export const WRITE_LOCK = 'callmark-io-write';
