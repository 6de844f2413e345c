/**
 * The options page's Import and export section (`#io`, also reached as
 * `#import`): import from CSV/XLSX with a preview, export for Excel, Bitrix24
 * and amoCRM, backup and restore. All the heavy work runs in the worker
 * (lib/io/worker.ts); this file only asks and shows.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { autoMapping, IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../../io/columns';
import type { Delimiter } from '../../io/csv-write';
import type { CompanyFilter } from '../../io/export';
import type { ImportProgress } from '../../io/import';
import { unfinishedJob, finishJob, type Job } from '../../io/journal';
import { afterBulkWrite, beforeBulkWrite } from '../../io/after-write';
import { backupDue, lastBackupAt, markBackedUp, rememberedMapping, rememberMapping } from '../../io/prefs';
import type { RejectReason } from '../../io/rows';
import type { RestoreProgress } from '../../io/restore';
import { WRITE_LOCK, type ExportFormat, type ExportWords, type PreviewSummary } from '../../io/worker-protocol';
import { STATUSES } from '../../model/outcome';
import type { Settings } from '../../model/settings';
import { loadSettings, saveSettings } from '../../store/settings';
import { openDatabase } from '../../store/db';
import { dateTime } from '../format';
import { t, uiLocale, type MessageKey } from '../i18n';
import { ask, cancelWork, fileDate, ioErrorText, saveFile } from './io-worker';

const MAX_LISTED = 200;

export function ImportExportSection() {
  const ref = useRef<HTMLElement>(null);
  const interrupted = useSignal<Job | null>(null);
  const resumeFile = useSignal<{ file: Blob; name: string; mapping?: ColumnMapping } | null>(null);
  const restoreResume = useSignal<{ file: Blob; name: string; mode: 'merge' | 'replace' } | null>(null);

  useEffect(() => {
    // `#import` is this section too (links from the README and the popup use either).
    const scroll = () => {
      if (location.hash === '#import' || location.hash === '#io') ref.current?.scrollIntoView({ block: 'start' });
    };
    scroll();
    window.addEventListener('hashchange', scroll);
    void findCutShort().then((job) => (interrupted.value = job));
    return () => window.removeEventListener('hashchange', scroll);
  }, []);

  const resume = () => {
    const job = interrupted.value;
    if (!job) return;
    interrupted.value = null;
    if (job.kind === 'import') resumeFile.value = { file: job.file, name: job.fileName, mapping: job.mapping };
    else restoreResume.value = { file: job.file, name: job.fileName, mode: job.mode ?? 'merge' };
  };
  const discard = async () => {
    interrupted.value = null;
    await finishJob();
  };

  const job = interrupted.value;
  return (
    <section id="io" class="card io" data-testid="section-io" ref={ref}>
      <span id="import" class="anchor" aria-hidden="true" />
      <h2>{t('options_navIo')}</h2>
      <BackupReminder />
      {job ? (
        <div class="notice notice--warn" role="alert" data-testid="import-interrupted">
          <p>{t(job.kind === 'import' ? 'io_interrupted' : 'io_interruptedRestore', job.fileName, job.done, job.total)}</p>
          <div class="io__actions">
            <button type="button" class="btn btn--primary" data-testid="import-resume" onClick={resume}>
              {t('io_resume')}
            </button>
            <button type="button" class="btn" data-testid="import-discard" onClick={() => void discard()}>
              {t('io_discard')}
            </button>
          </div>
        </div>
      ) : null}
      <ImportPanel resume={resumeFile.value} />
      <ExportPanel />
      <BackupPanel resume={restoreResume.value} />
    </section>
  );
}

/** A journal left behind with nobody holding the write lock: the page that ran it closed mid-way. */
async function findCutShort(): Promise<Job | null> {
  const job = await unfinishedJob();
  if (!job) return null;
  if ('locks' in navigator) {
    const state = await navigator.locks.query();
    if (state.held?.some((l) => l.name === WRITE_LOCK)) return null; // still running in another tab
  }
  return job;
}

// ---- import ----------------------------------------------------------------------

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; name: string }
  | { step: 'mapped'; name: string; headers: string[]; sample: string[][]; rowCount: number; preview: PreviewState }
  | { step: 'writing'; name: string; progress: ImportProgress; summary: PreviewSummary }
  | { step: 'done'; name: string; summary: PreviewSummary; result: ImportProgress & { stopped: boolean } }
  | { step: 'error'; message: string };

type PreviewState = { kind: 'loading' } | { kind: 'ready'; summary: PreviewSummary } | { kind: 'invalid' } | { kind: 'error'; message: string };

function rejectText(reason: RejectReason): string {
  return 'value' in reason ? t(`io_reject_${reason.code}` as MessageKey, reason.value) : t(`io_reject_${reason.code}` as MessageKey);
}

const summaryText = (s: PreviewSummary) => t('io_summary', s.counts.created, s.counts.updated, s.counts.skipped, s.counts.rejected);

function ImportPanel(props: { resume: { file: Blob; name: string; mapping?: ColumnMapping } | null }) {
  const state = useSignal<ImportState>({ step: 'idle' });
  const mapping = useSignal<ColumnMapping>([]);
  const input = useRef<HTMLInputElement>(null);

  const preview = async (name: string, headers: string[], next: ColumnMapping) => {
    mapping.value = next;
    const s = state.value;
    if (s.step !== 'mapped') return;
    if (!next.includes('name') && !next.includes('phones')) {
      state.value = { ...s, preview: { kind: 'invalid' } };
      return;
    }
    state.value = { ...s, preview: { kind: 'loading' } };
    try {
      const settings = await loadSettings();
      const answer = await ask({ type: 'preview', mapping: next, defaultCountry: settings.defaultCountry }, 'preview');
      const now = state.value;
      if (now.step === 'mapped' && mapping.value === next) state.value = { ...now, preview: { kind: 'ready', summary: answer.summary } };
      void rememberMapping(headers, next).catch(() => undefined);
    } catch (error) {
      const now = state.value;
      if (now.step === 'mapped') state.value = { ...now, preview: { kind: 'error', message: ioErrorText(error) } };
    }
    void name;
  };

  const open = async (file: Blob, name: string, saved?: ColumnMapping) => {
    state.value = { step: 'reading', name };
    try {
      const opened = await ask({ type: 'open', file, fileName: name }, 'opened');
      const next = saved ?? (await rememberedMapping(opened.headers).catch(() => null)) ?? autoMapping(opened.headers);
      state.value = { step: 'mapped', name, headers: opened.headers, sample: opened.sample, rowCount: opened.rowCount, preview: { kind: 'loading' } };
      await preview(name, opened.headers, next);
    } catch (error) {
      state.value = { step: 'error', message: ioErrorText(error) };
    }
  };

  useEffect(() => {
    if (props.resume) void open(props.resume.file, props.resume.name, props.resume.mapping);
  }, [props.resume]);

  const onFile = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (file) void open(file, file.name);
  };

  const confirm = async () => {
    const s = state.value;
    if (s.step !== 'mapped' || s.preview.kind !== 'ready') return;
    const summary = s.preview.summary;
    const name = s.name;
    state.value = { step: 'writing', name, summary, progress: { done: 0, total: summary.total, created: 0, updated: 0, unchanged: 0, callsAdded: 0 } };
    try {
      await beforeBulkWrite();
      const answer = await ask({ type: 'commit', fileName: name, ...testPauseAfter() }, 'imported', (p) => {
        const now = state.value;
        if (now.step === 'writing') state.value = { ...now, progress: p as ImportProgress };
      });
      state.value = { step: 'done', name, summary, result: answer.result };
    } catch (error) {
      state.value = { step: 'error', message: ioErrorText(error) };
    }
    await afterBulkWrite();
    if (input.current) input.current.value = '';
  };

  const s = state.value;
  return (
    <div class="io__part" data-testid="import">
      <h3>{t('io_importTitle')}</h3>
      <p class="muted small">{t('io_importHint')}</p>
      <label class="io__file">
        <span>{t('io_chooseFile')}</span>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          disabled={s.step === 'writing' || s.step === 'reading'}
          onChange={onFile}
        />
      </label>
      {s.step === 'reading' ? <p class="muted" role="status">{t('io_reading')}</p> : null}
      {s.step === 'error' ? (
        <p class="notice notice--error" role="alert" data-testid="import-error">
          {s.message}
        </p>
      ) : null}
      {s.step === 'mapped' ? (
        <>
          <p class="small">{t('io_fileInfo', s.name, s.rowCount)}</p>
          <MappingTable headers={s.headers} sample={s.sample} mapping={mapping.value} onChange={(next) => void preview(s.name, s.headers, next)} />
          <PreviewView preview={s.preview} onConfirm={() => void confirm()} />
        </>
      ) : null}
      {s.step === 'writing' ? (
        <div class="io__progress" data-testid="import-progress">
          <p class="small" data-testid="import-summary">
            {summaryText(s.summary)}
          </p>
          <progress max={Math.max(1, s.progress.total)} value={s.progress.done} />
          <p class="small" role="status">
            {t('io_progress', s.progress.done, s.progress.total)}
          </p>
          <button type="button" class="btn" data-testid="import-cancel" onClick={cancelWork}>
            {t('io_cancel')}
          </button>
        </div>
      ) : null}
      {s.step === 'done' ? (
        <div class={`notice ${s.result.stopped ? 'notice--warn' : 'notice--ok'}`} role="status">
          <p data-testid="import-summary">{t('io_done', s.result.created, s.result.updated, s.summary.counts.skipped, s.summary.counts.rejected)}</p>
          {s.result.unchanged > 0 ? <p class="small">{t('io_doneUnchanged', s.result.unchanged)}</p> : null}
          {s.result.stopped ? <p data-testid="import-stopped">{t('io_stopped', s.result.done, s.result.total)}</p> : null}
          <RowLists summary={s.summary} />
        </div>
      ) : null}
    </div>
  );
}

/** Test builds only: `options.html?testPauseAfterBatch=k` cuts the next import short after batch k (see lib/io/worker.ts). */
function testPauseAfter(): { pauseAfterBatch?: number } {
  if (!__TEST_HOOKS__) return {};
  const k = Number(new URLSearchParams(location.search).get('testPauseAfterBatch'));
  return k > 0 ? { pauseAfterBatch: k } : {};
}

function MappingTable(props: { headers: string[]; sample: string[][]; mapping: ColumnMapping; onChange: (m: ColumnMapping) => void }) {
  const { headers, sample, mapping } = props;
  return (
    <div class="io__mapping">
      <h4>{t('io_mapping')}</h4>
      <p class="muted small">{t('io_mappingHint')}</p>
      <table class="io__table" data-testid="import-mapping">
        <thead>
          <tr>
            <th>{t('io_column')}</th>
            <th>{t('io_example')}</th>
            <th>{t('io_field')}</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((h, i) => {
            const example = sample.map((r) => r[i] ?? '').find((v) => v.trim()) ?? '';
            return (
              <tr key={i}>
                <td>{h || `#${i + 1}`}</td>
                <td class="io__example" title={example}>
                  {example}
                </td>
                <td>
                  <select
                    data-testid={`import-map-${i}`}
                    aria-label={`${t('io_field')}: ${h}`}
                    value={mapping[i] ?? ''}
                    onChange={(e) => {
                      const next = [...mapping];
                      next[i] = (e.currentTarget.value || null) as ImportField | null;
                      props.onChange(next);
                    }}
                  >
                    <option value="">{t('io_fieldNone')}</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`io_field_${f}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PreviewView(props: { preview: PreviewState; onConfirm: () => void }) {
  const p = props.preview;
  if (p.kind === 'loading') return <p class="muted" role="status">{t('io_previewing')}</p>;
  if (p.kind === 'invalid') return <p class="notice notice--error" role="alert">{t('io_noNameColumn')}</p>;
  if (p.kind === 'error') return <p class="notice notice--error" role="alert" data-testid="import-error">{p.message}</p>;
  const s = p.summary;
  return (
    <div class="io__preview">
      <p>{t('io_previewTitle')}</p>
      <p class="io__counts" data-testid="import-summary">
        {summaryText(s)}
      </p>
      {s.counts.calls > 0 ? <p class="small muted">{t('io_previewCalls', s.counts.calls)}</p> : null}
      <p class="small muted">{t('io_summaryHelp')}</p>
      <RowLists summary={s} />
      <button type="button" class="btn btn--primary" data-testid="import-confirm" disabled={s.total === 0} onClick={props.onConfirm}>
        {t('io_confirm')}
      </button>
    </div>
  );
}

function RowLists({ summary }: { summary: PreviewSummary }) {
  return (
    <>
      {summary.rejected.length > 0 ? (
        <details class="io__rows" open data-testid="import-rejected">
          <summary>
            {t('io_rejectedTitle')} ({summary.rejected.length})
          </summary>
          <ul>
            {summary.rejected.slice(0, MAX_LISTED).map((r) => (
              <li key={r.row}>
                {t('io_rowN', r.row)}: {rejectText(r.reason)}
              </li>
            ))}
          </ul>
          {summary.rejected.length > MAX_LISTED ? <p class="small muted">{t('io_more', summary.rejected.length - MAX_LISTED)}</p> : null}
        </details>
      ) : null}
      {summary.skipped.length > 0 ? (
        <details class="io__rows" data-testid="import-skipped">
          <summary>
            {t('io_skippedTitle')} ({summary.skipped.length})
          </summary>
          <ul>
            {summary.skipped.slice(0, MAX_LISTED).map((r) => (
              <li key={r.row}>
                {t('io_rowN', r.row)}: {t('io_skippedOf', r.ofRow)}
              </li>
            ))}
          </ul>
          {summary.skipped.length > MAX_LISTED ? <p class="small muted">{t('io_more', summary.skipped.length - MAX_LISTED)}</p> : null}
        </details>
      ) : null}
    </>
  );
}

// ---- export ----------------------------------------------------------------------

/** Words the worker writes into exported files, in the user's language. */
function exportWords(): ExportWords {
  return {
    statusLabels: Object.fromEntries(STATUSES.map((s) => [s, t(s === 'new' ? 'status_new' : (`outcome_${s}` as MessageKey))])),
    status: t('io_commentStatus'),
    lastCall: t('io_commentLastCall'),
    reason: t('io_commentReason'),
  };
}

const FILE_NAMES: Record<ExportFormat, (date: string) => string> = {
  csv: (d) => `callmark-${d}.csv`,
  bitrix24: (d) => `callmark-bitrix24-${d}.csv`,
  amocrm: (d) => `callmark-amocrm-${d}.xlsx`,
  backup: (d) => `callmark-backup-${d}.json`,
};

/**
 * Exports the base, or the rows a filter keeps (the base table passes the
 * view it shows), and saves the file. Returns its name and row count.
 */
export async function exportBase(format: ExportFormat, options: { delimiter?: Delimiter; filter?: CompanyFilter } = {}): Promise<{ name: string; rows: number }> {
  const settings: Settings = await loadSettings();
  const answer = await ask({ type: 'export', format, delimiter: options.delimiter, filter: options.filter, words: exportWords(), settings }, 'file');
  const name = FILE_NAMES[format](fileDate());
  saveFile(answer.blob, name);
  if (format === 'backup') await markBackedUp(new Date().toISOString());
  return { name, rows: answer.rows };
}

function useExport() {
  const busy = useSignal<ExportFormat | null>(null);
  const message = useSignal<{ ok: boolean; text: string } | null>(null);
  const run = async (format: ExportFormat, options: { delimiter?: Delimiter } = {}) => {
    busy.value = format;
    message.value = null;
    try {
      const { name, rows } = await exportBase(format, options);
      message.value = { ok: true, text: t('io_exported', name, rows) };
    } catch (error) {
      message.value = { ok: false, text: ioErrorText(error) };
    } finally {
      busy.value = null;
    }
  };
  return { busy, message, run };
}

function ExportPanel() {
  const delimiter = useSignal<Delimiter>(';');
  const { busy, message, run } = useExport();
  return (
    <div class="io__part" data-testid="export">
      <h3>{t('io_exportTitle')}</h3>
      <p class="muted small">{t('io_exportHint')}</p>
      <fieldset class="io__choice">
        <legend>{t('io_delimiter')}</legend>
        <label class="check">
          <input type="radio" name="io-delimiter" data-testid="export-delimiter-semicolon" checked={delimiter.value === ';'} onChange={() => (delimiter.value = ';')} />
          <span>{t('io_delimiterSemicolon')}</span>
        </label>
        <label class="check">
          <input type="radio" name="io-delimiter" data-testid="export-delimiter-comma" checked={delimiter.value === ','} onChange={() => (delimiter.value = ',')} />
          <span>{t('io_delimiterComma')}</span>
        </label>
      </fieldset>
      <div class="io__actions">
        <button type="button" class="btn" data-testid="export-csv" disabled={!!busy.value} onClick={() => void run('csv', { delimiter: delimiter.value })}>
          {t('io_exportCsv')}
        </button>
        <button type="button" class="btn" data-testid="export-bitrix24" disabled={!!busy.value} onClick={() => void run('bitrix24')}>
          {t('io_exportBitrix')}
        </button>
        <button type="button" class="btn" data-testid="export-amocrm" disabled={!!busy.value} onClick={() => void run('amocrm')}>
          {t('io_exportAmo')}
        </button>
      </div>
      {busy.value ? <p class="muted small" role="status">{t('io_exporting')}</p> : null}
      {message.value ? (
        <p class={`notice ${message.value.ok ? 'notice--ok' : 'notice--error'}`} role={message.value.ok ? 'status' : 'alert'} data-testid="export-message">
          {message.value.text}
        </p>
      ) : null}
    </div>
  );
}

// ---- backup and restore ----------------------------------------------------------

function BackupReminder() {
  const due = useSignal<{ never: boolean } | null>(null);
  const { busy, message, run } = useExport();
  const check = async () => {
    const [last, any] = await Promise.all([lastBackupAt(), hasCompanies()]);
    due.value = backupDue(last, any, new Date()) ? { never: !last } : null;
  };
  useEffect(() => {
    void check();
  }, []);
  if (!due.value && !message.value) return null;
  return (
    <div class={`notice ${message.value?.ok ? 'notice--ok' : 'notice--warn'}`} data-testid="backup-reminder">
      {due.value ? <p>{t(due.value.never ? 'io_backupReminderNever' : 'io_backupReminder')}</p> : null}
      {due.value ? (
        <button
          type="button"
          class="btn btn--primary"
          data-testid="backup-now"
          disabled={!!busy.value}
          onClick={() => void run('backup').then(check)}
        >
          {t('io_backupNow')}
        </button>
      ) : null}
      {message.value ? <p role="status">{message.value.text}</p> : null}
    </div>
  );
}

/** Whether the base holds any company: one key read (a count walks the whole store, seconds on a big base). */
async function hasCompanies(): Promise<boolean> {
  try {
    const db = await openDatabase();
    try {
      return (await db.getKey('companies', IDBKeyRange.lowerBound(-Infinity))) !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

type RestoreState =
  | { step: 'idle' }
  | { step: 'checking' }
  | { step: 'checked'; name: string; companies: number; calls: number; exportedAt: string; settings?: Settings }
  | { step: 'restoring'; progress?: RestoreProgress }
  | { step: 'done'; companies: number; calls: number }
  | { step: 'error'; message: string };

function BackupPanel(props: { resume: { file: Blob; name: string; mode: 'merge' | 'replace' } | null }) {
  const last = useSignal<string | undefined>(undefined);
  const state = useSignal<RestoreState>({ step: 'idle' });
  const mode = useSignal<'merge' | 'replace'>('merge');
  const ack = useSignal(false);
  const input = useRef<HTMLInputElement>(null);
  const { busy, message, run } = useExport();

  useEffect(() => {
    void lastBackupAt().then((v) => (last.value = v));
  }, [message.value]);

  const check = async (file: Blob, name: string) => {
    state.value = { step: 'checking' };
    ack.value = false;
    try {
      const a = await ask({ type: 'restoreCheck', file, fileName: name }, 'restoreChecked');
      state.value = { step: 'checked', name, companies: a.companies, calls: a.calls, exportedAt: a.exportedAt, settings: a.settings };
    } catch (error) {
      state.value = { step: 'error', message: ioErrorText(error) };
      if (input.current) input.current.value = '';
    }
  };

  useEffect(() => {
    const r = props.resume;
    if (!r) return;
    mode.value = r.mode;
    void check(r.file, r.name);
  }, [props.resume]);

  const restore = async () => {
    const s = state.value;
    if (s.step !== 'checked') return;
    if (mode.value === 'replace' && !ack.value) return;
    const chosen = mode.value;
    state.value = { step: 'restoring' };
    try {
      await beforeBulkWrite();
      const a = await ask({ type: 'restore', mode: chosen }, 'restored', (p) => (state.value = { step: 'restoring', progress: p as RestoreProgress }));
      if (a.settings) await restoreSettings(a.settings, chosen);
      state.value = { step: 'done', companies: a.result.companies, calls: a.result.calls };
    } catch (error) {
      state.value = { step: 'error', message: ioErrorText(error) };
    }
    await afterBulkWrite();
    if (input.current) input.current.value = '';
  };

  const s = state.value;
  const canConfirm = s.step === 'checked' && (mode.value === 'merge' || ack.value);
  return (
    <div class="io__part" data-testid="backup">
      <h3>{t('io_backupTitle')}</h3>
      <p class="muted small">{t('io_backupHint')}</p>
      <div class="io__actions">
        <button type="button" class="btn btn--primary" data-testid="backup-download" disabled={!!busy.value} onClick={() => void run('backup')}>
          {t('io_backupDownload')}
        </button>
        <span class="muted small" data-testid="backup-last">
          {last.value ? t('io_backupLast', dateTime(last.value, uiLocale())) : t('io_backupNever')}
        </span>
      </div>
      {message.value ? (
        <p class={`notice ${message.value.ok ? 'notice--ok' : 'notice--error'}`} role={message.value.ok ? 'status' : 'alert'}>
          {message.value.text}
        </p>
      ) : null}
      <label class="io__file">
        <span>{t('io_restoreFile')}</span>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          data-testid="restore-file"
          disabled={s.step === 'restoring' || s.step === 'checking'}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void check(file, file.name);
          }}
        />
      </label>
      {s.step === 'checking' ? <p class="muted" role="status">{t('io_restoreChecking')}</p> : null}
      {s.step === 'error' ? (
        <p class="notice notice--error" role="alert" data-testid="restore-error">
          {s.message}
        </p>
      ) : null}
      {s.step === 'checked' ? (
        <div class="io__restore">
          <p data-testid="restore-info">{t('io_restoreInfo', s.exportedAt ? dateTime(s.exportedAt, uiLocale()) : s.name, s.companies, s.calls)}</p>
          <fieldset class="io__choice">
            <label class="check">
              <input type="radio" name="io-restore-mode" data-testid="restore-merge" checked={mode.value === 'merge'} onChange={() => (mode.value = 'merge')} />
              <span>{t('io_restoreMerge')}</span>
            </label>
            <label class="check">
              <input type="radio" name="io-restore-mode" data-testid="restore-replace" checked={mode.value === 'replace'} onChange={() => (mode.value = 'replace')} />
              <span>{t('io_restoreReplace')}</span>
            </label>
          </fieldset>
          {mode.value === 'replace' ? (
            <label class="check io__ack">
              <input type="checkbox" data-testid="restore-replace-ack" checked={ack.value} onChange={(e) => (ack.value = e.currentTarget.checked)} />
              <span>{t('io_restoreAck')}</span>
            </label>
          ) : null}
          <button type="button" class="btn btn--primary" data-testid="restore-confirm" disabled={!canConfirm} onClick={() => void restore()}>
            {t('io_restoreConfirm')}
          </button>
        </div>
      ) : null}
      {s.step === 'restoring' ? (
        <div class="io__progress">
          <progress max={Math.max(1, s.progress?.total ?? 1)} value={s.progress?.done ?? 0} />
          <p class="small" role="status">
            {t('io_restoring')}
          </p>
        </div>
      ) : null}
      {s.step === 'done' ? (
        <p class="notice notice--ok" role="status" data-testid="restore-summary">
          {t('io_restored', s.companies, s.calls)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The backup's settings: replacing takes them whole (except the sites turned on
 * here, whose permissions belong to this browser); merging adds its lists' new
 * entries and keeps everything else of this browser's.
 */
async function restoreSettings(restored: Settings, mode: 'merge' | 'replace'): Promise<void> {
  const current = await loadSettings();
  const union = (a: string[], b: string[]) => [...a, ...b.filter((x) => !a.includes(x))];
  if (mode === 'replace') {
    await saveSettings({ ...restored, extraSites: current.extraSites });
  } else {
    await saveSettings({
      refusalReasons: union(current.refusalReasons, restored.refusalReasons).slice(0, 100),
      industries: union(current.industries, restored.industries).slice(0, 500),
      disabledSites: union(current.disabledSites, restored.disabledSites).slice(0, 1000),
      managerName: current.managerName || restored.managerName,
    });
  }
}
