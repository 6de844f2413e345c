/**
 * The base cannot take writes (the disk is full, IndexedDB cannot be opened,
 * an upgrade failed): said in words in the popup and on the options page,
 * with the number of calls kept aside and a way to try again. It follows the
 * background's notice live (storage key STORAGE_PROBLEM_KEY) and asks the
 * background to write the kept calls when it opens.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { request } from '../messages/client';
import type { StorageProblem } from '../store/pending';
import { onLocalKey, STORAGE_PROBLEM_KEY } from '../store/storage';
import { t } from './i18n';

const NOTICE = {
  storage_full: 'storage_notice_storage_full',
  storage_unavailable: 'storage_notice_storage_unavailable',
  upgrade_failed: 'storage_notice_upgrade_failed',
} as const;

type Shown = Pick<StorageProblem, 'code' | 'pending'>;

export function StorageNotice() {
  const problem = useSignal<Shown | null>(null);
  const busy = useSignal(false);
  const retry = async () => {
    busy.value = true;
    try {
      const state = await request('storageRetry', {});
      problem.value = state.problem ? { code: state.problem, pending: state.pending } : null;
    } catch {
      // The background could not answer: the notice it wrote stays as it is.
    } finally {
      busy.value = false;
    }
  };
  useEffect(() => {
    void retry();
    return onLocalKey(STORAGE_PROBLEM_KEY, (value) => {
      const v = value as Partial<StorageProblem> | undefined;
      problem.value = v && typeof v.code === 'string' && v.code in NOTICE ? { code: v.code, pending: Number(v.pending) || 0 } : null;
    });
  }, []);
  const p = problem.value;
  if (!p) return null;
  return (
    <div class="notice notice--error storage-notice" role="alert" data-testid="storage-problem">
      <p>{t(NOTICE[p.code])}</p>
      {p.pending > 0 ? <p data-testid="storage-pending">{t('storage_notice_pending', String(p.pending))}</p> : null}
      <button type="button" class="btn btn--small" data-testid="storage-retry" disabled={busy.value} onClick={() => void retry()}>
        {t('storage_notice_retry')}
      </button>
    </div>
  );
}
