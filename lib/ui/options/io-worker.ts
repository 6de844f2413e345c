/**
 * The options page's handle on the import/export worker (lib/io/worker.ts):
 * one worker for the page, requests answered in order, progress reported on
 * the way. Also saving a file through a blob link, which needs no permission.
 */
// Vite bundles the worker as a file of its own and gives its URL.
import workerUrl from '../../io/worker.ts?worker&url';
import type { FromWorker, ToWorker, WorkerError } from '../../io/worker-protocol';
import type { MessageKey } from '../i18n';
import { t } from '../i18n';

let worker: Worker | undefined;

function theWorker(): Worker {
  // A module worker of our own: WXT bundles it as a file of the extension, which the CSP allows.
  worker ??= new Worker(workerUrl, { type: 'module' });
  return worker;
}

export class IoError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.code);
  }
}

type Answer<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** Sends one request and waits for its answer (`expect`), passing progress on. */
export function ask<T extends FromWorker['type']>(
  message: ToWorker,
  expect: T,
  onProgress?: (p: Answer<'progress'>['progress']) => void,
): Promise<Answer<T>> {
  return new Promise((resolve, reject) => {
    let w: Worker;
    try {
      w = theWorker();
    } catch (error) {
      reject(new IoError({ code: 'failed', message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const onMessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'progress') return onProgress?.(m.progress);
      if (m.type === 'error') {
        done();
        reject(new IoError(m.error));
      } else if (m.type === expect) {
        done();
        resolve(m as Answer<T>);
      }
    };
    const onError = (event: ErrorEvent) => {
      done();
      event.preventDefault();
      worker = undefined;
      reject(new IoError({ code: 'failed', message: t('io_err_worker') }));
    };
    const done = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage(message);
  });
}

export function cancelWork(): void {
  worker?.postMessage({ type: 'cancel' } satisfies ToWorker);
}

/** A worker's error in the user's words. */
export function ioErrorText(error: unknown): string {
  if (!(error instanceof IoError)) return t('io_err_failed', error instanceof Error ? error.message : String(error));
  const e = error.error;
  switch (e.code) {
    case 'file':
      return t(`io_err_${e.reason}` as MessageKey);
    case 'storageFull':
      return t('io_err_storageFull');
    case 'busy':
      return t('io_err_busy');
    case 'failed':
      return t('io_err_failed', e.message);
    case 'backup': {
      const p = e.problem;
      if (p.code === 'newer') return t('io_err_newer', p.version);
      if (p.code === 'damaged') return t('io_err_damaged', t(`io_what_${p.what}` as MessageKey), p.index);
      return t(p.code === 'notJson' ? 'io_err_notJson' : 'io_err_foreign');
    }
  }
}

/** Saves a blob under `name` through an `<a download>` link. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; give slow machines a minute.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `2026-03-01`, the local date, for file names. */
export function fileDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
