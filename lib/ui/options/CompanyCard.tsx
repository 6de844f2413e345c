/**
 * A company's card (#base): its fields, decision makers, sources with links to
 * the pages it was seen on, and its whole call history. Every field can be
 * edited; the company can be deleted and a single call removed, each with an
 * undo. Reads come from IndexedDB; every write goes through the background
 * (lib/store/edit.ts there keeps totals, reminders and the team outbox right).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { formatPhone } from '../../match/phone';
import { request } from '../../messages/client';
import { displayError } from '../../messages/errors';
import type { CompanyEdit } from '../../messages/protocol';
import { currentReason, type Call, type Company } from '../../model';
import { callsOf } from '../../store/calls';
import { database } from '../../store/db';
import { dateTime, longDate } from '../format';
import { t, uiLocale, type MessageKey } from '../i18n';
import { sourceLabel } from './BaseTable';

export interface Undo {
  text: string;
  run: () => Promise<void>;
}

interface DmRow {
  name: string;
  role: string;
  phone: string;
  email: string;
}

interface Draft {
  name: string;
  phones: string;
  inn: string;
  ogrn: string;
  website: string;
  address: string;
  city: string;
  rubric: string;
  industry: string;
  note: string;
  dms: DmRow[];
}

const draftOf = (c: Company): Draft => ({
  name: c.name,
  phones: c.phones.map(formatPhone).join('\n'),
  inn: c.inn ?? '',
  ogrn: c.ogrn ?? '',
  website: c.domain ?? '',
  address: c.address ?? '',
  city: c.city ?? '',
  rubric: c.rubric ?? '',
  industry: c.industry ?? '',
  note: c.note,
  dms: c.decisionMakers.map((d) => ({ name: d.name, role: d.role, phone: d.phone ? formatPhone(d.phone) : '', email: d.email ?? '' })),
});

const editOf = (id: string, d: Draft): CompanyEdit => ({
  id,
  name: d.name,
  phones: d.phones.split(/\n|;/).map((p) => p.trim()).filter(Boolean),
  inn: d.inn,
  ogrn: d.ogrn,
  website: d.website,
  address: d.address,
  city: d.city,
  rubric: d.rubric,
  industry: d.industry,
  note: d.note,
  decisionMakers: d.dms
    .filter((m) => m.name.trim() || m.phone.trim() || m.email.trim())
    .map((m) => ({ name: m.name.trim(), role: m.role.trim(), phone: m.phone.trim() || undefined, email: m.email.trim() || undefined })),
});

type TextField = Exclude<keyof Draft, 'dms'>;
const FIELDS: Array<{ field: TextField; label: MessageKey; multiline?: boolean; list?: string }> = [
  { field: 'name', label: 'card_name' },
  { field: 'phones', label: 'card_phones', multiline: true },
  { field: 'inn', label: 'card_inn' },
  { field: 'ogrn', label: 'card_ogrn' },
  { field: 'website', label: 'card_website' },
  { field: 'address', label: 'card_address' },
  { field: 'city', label: 'card_city' },
  { field: 'rubric', label: 'card_rubric' },
  { field: 'industry', label: 'card_industry', list: 'card-industries' },
  { field: 'note', label: 'card_note', multiline: true },
];

export function CompanyCard(props: { id: string; industries: readonly string[]; reasonAliases: Readonly<Record<string, string>>; onClose: () => void; onUndo: (undo: Undo) => void }) {
  const company = useSignal<Company | null>(null);
  const calls = useSignal<Call[]>([]);
  const draft = useSignal<Draft | null>(null);
  const dirty = useSignal(false);
  const state = useSignal<'idle' | 'saving' | 'saved'>('idle');
  const error = useSignal('');
  const missing = useSignal(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = async (keepDraft = false) => {
    try {
      const db = await database();
      const [c, list] = await Promise.all([db.get('companies', props.id), callsOf(db, props.id)]);
      missing.value = !c;
      company.value = c ?? null;
      calls.value = list;
      if (c && (!keepDraft || !dirty.value)) {
        draft.value = draftOf(c);
        dirty.value = false;
      }
    } catch (e) {
      error.value = displayError(e);
    }
  };
  useEffect(() => {
    state.value = 'idle';
    error.value = '';
    dirty.value = false;
    void load().then(() => heading.current?.focus());
  }, [props.id]);
  // The base changed elsewhere (a call logged on a directory page): show it, keeping the user's typing.
  useEffect(() => {
    const reload = () => void load(true);
    addEventListener('callmark-base-changed', reload);
    return () => removeEventListener('callmark-base-changed', reload);
  }, [props.id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const c = company.value;
  const d = draft.value;
  const locale = uiLocale();
  const patch = (p: Partial<Draft>) => {
    draft.value = { ...draft.value!, ...p };
    dirty.value = true;
    state.value = 'idle';
  };

  const save = async (ev: Event) => {
    ev.preventDefault();
    if (!c || !d) return;
    state.value = 'saving';
    error.value = '';
    try {
      await request('saveCompany', { company: editOf(c.id, d) });
      dirty.value = false;
      await load();
      state.value = 'saved';
    } catch (e) {
      state.value = 'idle';
      error.value = displayError(e);
    }
  };

  const remove = async () => {
    if (!c) return;
    error.value = '';
    try {
      const { deleted } = await request('deleteCompany', { id: c.id });
      props.onUndo({ text: t('base_deleted', c.name), run: async () => void (await request('restoreCompany', { deleted })) });
      props.onClose();
    } catch (e) {
      error.value = displayError(e);
    }
  };

  const removeCall = async (call: Call) => {
    error.value = '';
    try {
      await request('undoCall', { callId: call.id });
      props.onUndo({
        text: t('base_callRemoved', dateTime(call.at, locale)),
        run: async () => {
          await request('restoreCall', { call });
          await load(true);
        },
      });
      await load(true);
    } catch (e) {
      error.value = displayError(e);
    }
  };

  return (
    <aside class="company-card" role="dialog" aria-labelledby="company-card-title" data-testid="company-card">
      <div class="company-card__top">
        <h3 id="company-card-title" tabIndex={-1} ref={heading}>
          {c?.name ?? t('popup_loading')}
        </h3>
        <button type="button" class="btn btn--small" data-testid="card-close" onClick={props.onClose} aria-label={t('card_close')}>
          ✕
        </button>
      </div>
      {missing.value ? <p class="muted">{t('err_noCompany')}</p> : null}
      {c ? (
        <p class="muted small company-card__meta">
          <span class={`status st--${c.status}`} data-testid="card-status" data-status={c.status}>
            {t(`status_${c.status}` as MessageKey)}
          </span>{' '}
          {c.statusReason ? <span>{currentReason(c.statusReason, props.reasonAliases)} · </span> : null}
          {t('card_created', longDate(c.createdAt, locale))}
          {c.confirmedAt ? ` · ${t('card_confirmed', longDate(c.confirmedAt, locale))}` : ''}
        </p>
      ) : null}
      {c && d ? (
        <form class="company-card__form" onSubmit={save} noValidate data-testid="card-form">
          <datalist id="card-industries">
            {props.industries.map((i) => (
              <option key={i} value={i} />
            ))}
          </datalist>
          <div class="grid2">
            {FIELDS.map(({ field, label, multiline, list }) => (
              <label class={`field${multiline ? ' field--wide' : ''}`} key={field}>
                <span class="field__label">{t(label)}</span>
                {multiline ? (
                  <textarea rows={field === 'note' ? 3 : Math.max(2, d[field].split('\n').length)} data-testid={`card-${field}`} value={d[field]} onInput={(e) => patch({ [field]: e.currentTarget.value })} />
                ) : (
                  <input type="text" data-testid={`card-${field}`} list={list} value={d[field]} onInput={(e) => patch({ [field]: e.currentTarget.value })} />
                )}
                {field === 'industry' ? <span class="field__hint">{t('card_industryHint')}</span> : null}
                {field === 'phones' ? <span class="field__hint">{t('card_phonesHint')}</span> : null}
              </label>
            ))}
          </div>

          <fieldset class="company-card__dms">
            <legend>{t('card_decisionMakers')}</legend>
            {d.dms.length === 0 ? <p class="muted small">{t('card_noDecisionMakers')}</p> : null}
            {d.dms.map((m, i) => (
              <div class="company-card__dm" key={i} data-testid="card-dm">
                {(['name', 'role', 'phone', 'email'] as const).map((k) => (
                  <input
                    key={k}
                    type={k === 'email' ? 'email' : 'text'}
                    placeholder={t(`card_dm_${k}` as MessageKey)}
                    aria-label={t(`card_dm_${k}` as MessageKey)}
                    data-testid={`card-dm-${k}`}
                    value={m[k]}
                    onInput={(e) => patch({ dms: d.dms.map((x, j) => (j === i ? { ...x, [k]: e.currentTarget.value } : x)) })}
                  />
                ))}
                <button type="button" class="btn btn--small" aria-label={t('list_remove')} onClick={() => patch({ dms: d.dms.filter((_, j) => j !== i) })}>
                  ✕
                </button>
              </div>
            ))}
            <button type="button" class="btn btn--small" data-testid="card-dm-add" onClick={() => patch({ dms: [...d.dms, { name: '', role: '', phone: '', email: '' }] })}>
              {t('card_addDecisionMaker')}
            </button>
          </fieldset>

          <div class="company-card__actions">
            <button type="submit" class="btn btn--primary" data-testid="card-save" disabled={state.value === 'saving'}>
              {t('card_save')}
            </button>
            {state.value === 'saved' ? (
              <span class="notice notice--ok inline" role="status" data-testid="card-saved">
                {t('options_saved')}
              </span>
            ) : null}
            {dirty.value && state.value === 'idle' ? <span class="muted small">{t('options_unsaved')}</span> : null}
            <span class="spacer" />
            <button type="button" class="btn btn--danger" data-testid="card-delete" onClick={() => void remove()}>
              {t('card_delete')}
            </button>
          </div>
        </form>
      ) : null}
      {error.value ? (
        <p class="notice notice--error" role="alert" data-testid="card-error">
          {error.value}
        </p>
      ) : null}

      {c ? (
        <>
          <h4>{t('card_sources')}</h4>
          <ul class="company-card__sources">
            {c.sources.length === 0 ? <li class="muted small">{t('base_sourceManual')}</li> : null}
            {c.sources.map((s, i) => (
              <li key={i} data-testid="card-source">
                <strong>{sourceLabel(s.directory === 'import' && s.file ? `import:${s.file}` : s.directory)}</strong>{' '}
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer" data-testid="card-source-link">
                    {s.url}
                  </a>
                ) : null}{' '}
                <span class="muted small">{t('card_seen', longDate(s.firstSeen, locale), longDate(s.lastSeen, locale))}</span>
              </li>
            ))}
          </ul>

          <h4>{t('card_calls', String(calls.value.length))}</h4>
          {calls.value.length === 0 ? <p class="muted small">{t('card_noCalls')}</p> : null}
          {calls.value.length ? (
            <table class="company-card__calls">
              <thead>
                <tr>
                  <th scope="col">{t('card_callAt')}</th>
                  <th scope="col">{t('card_callOutcome')}</th>
                  <th scope="col">{t('card_callNote')}</th>
                  <th scope="col">{t('base_colManager')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('card_callActions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {calls.value.map((call) => (
                  <tr key={call.id} data-testid="card-call" data-outcome={call.outcome}>
                    <td>{dateTime(call.at, locale)}</td>
                    <td>
                      {t(`outcome_${call.outcome}` as MessageKey)}
                      {call.reason ? <span class="muted"> · {currentReason(call.reason, props.reasonAliases)}</span> : null}
                      {call.callbackAt ? <span class="muted"> · {dateTime(call.callbackAt, locale)}</span> : null}
                    </td>
                    <td class="company-card__note">
                      {call.note}
                      {call.pageUrl ? (
                        <>
                          {' '}
                          <a href={call.pageUrl} target="_blank" rel="noopener noreferrer" class="small">
                            {t('card_callPage')}
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>{call.manager}</td>
                    <td>
                      <button type="button" class="btn btn--small" data-testid="card-call-remove" onClick={() => void removeCall(call)}>
                        {t('card_callRemove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </aside>
  );
}
