/**
 * The full call form: outcome, reason, note, call-back time, decision makers,
 * industry and the company's own fields; below it, the company's call history.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { formatPhone } from '../../match/phone';
import { request } from '../../messages/client';
import { OUTCOMES, type Call, type Company, type CompanyView, type Outcome } from '../../model';
import { Field, ListEditor, TextInput } from '../form/components';
import { t, uiLocale, type MessageKey } from '../i18n';
import { formatWhen, QUICK_PICKS, quickPickTime, toLocalInput, type QuickPick } from './dates';
import {
  companyChanged,
  companyErrorPaths,
  editAfterCreate,
  emptyDecisionMaker,
  hasErrors,
  toCallFields,
  toCompanyEdit,
  validateForm,
  valuesFromCompany,
  valuesFromListing,
  type CompanyFields,
  type DecisionMakerRow,
  type FieldError,
  type FormErrors,
  type FormValues,
} from './form';
import { checkersFor, settings, type FormTarget } from './state';
import { currentReason } from '../../model/settings';
import { StatusChip } from './StatusChip';
import { LIMITS } from '../../model/limits';
import { displayError } from '../../messages/errors';

/** Test-only attributes (builds made with CALLMARK_TEST_HOOKS=1); release builds carry none. */
const hook = (attrs: Record<string, string>): Record<string, string> => (__TEST_HOOKS__ ? attrs : {});

const QUICK_LABEL: Record<QuickPick, MessageKey> = { in2h: 'form_quickIn2h', tomorrow: 'form_quickTomorrow', nextWeek: 'form_quickNextWeek' };

export interface SavedResult {
  companyName: string;
  callId?: string;
  /** The company as the badge shows it after the call. */
  view?: CompanyView;
}

/** 'new' = create a company from the listing; a company id = log to that company; null = not chosen yet. */
type Choice = string | 'new' | null;

const errorText = (e: FieldError | undefined) => (e ? t(e.key, ...(e.args ?? [])) : undefined);

export function CallForm(props: { target: FormTarget; onClose: () => void; onSaved: (saved: SavedResult) => void }) {
  const { target } = props;
  const listing = target.kind === 'listing' ? target.listing : undefined;
  const result = target.kind === 'listing' ? target.result : undefined;
  const candidates = result?.candidates ?? [];
  const askWhich = target.kind === 'listing' && (result?.match === 'likely' || result?.match === 'several') && candidates.length > 0;

  const initialChoice = (): Choice => {
    if (target.kind === 'company') return target.companyId;
    if (result?.match === 'exact' && result.company) return result.company.id;
    if (result?.match === 'likely' && candidates[0]) return candidates[0].companyId;
    if (result?.match === 'several') return null;
    return 'new';
  };

  const choice = useSignal<Choice>(initialChoice());
  const company = useSignal<Company | null>(null);
  const calls = useSignal<Call[]>([]);
  const loading = useSignal(initialChoice() !== 'new' && initialChoice() !== null);
  const values = useSignal<FormValues>(listing ? valuesFromListing(listing, checkersFor(settings.value)) : valuesFromCompany(placeholderCompany()));
  const initial = useRef<FormValues>(values.value);
  const errors = useSignal<FormErrors>({});
  const serverError = useSignal('');
  const saving = useSignal(false);
  const detailsOpen = useSignal(false);
  /** A call already logged by a save whose second step (the company edits) failed: not logged twice. */
  const loggedCall = useRef<{ callId: string; companyId: string; view: CompanyView } | null>(null);
  // The call's own id, kept while the same call is retried: a save whose answer was lost is stored once.
  const attempt = useRef<{ key: string; callId: string } | null>(null);
  const callIdFor = (call: object) => {
    const key = JSON.stringify(call);
    if (attempt.current?.key !== key) attempt.current = { key, callId: crypto.randomUUID() };
    return attempt.current.callId;
  };
  const loadError = useSignal('');

  const load = async (id: string) => {
    loading.value = true;
    loadError.value = '';
    try {
      const found = await request('getCompany', { id });
      company.value = found.company;
      calls.value = [...found.calls].sort((a, b) => b.at.localeCompare(a.at));
      const fresh = valuesFromCompany(found.company, formatPhone);
      // Keep what the user already chose for the call.
      values.value = { ...fresh, call: values.value.call };
      initial.current = fresh;
    } catch (error) {
      loadError.value = displayError(error);
    } finally {
      loading.value = false;
    }
  };

  const choose = (next: Choice) => {
    choice.value = next;
    errors.value = {};
    if (next === 'new' || next === null) {
      company.value = null;
      calls.value = [];
      if (listing) {
        const fresh = valuesFromListing(listing, checkersFor(settings.value));
        values.value = { ...fresh, call: values.value.call };
        initial.current = fresh;
      }
    } else {
      void load(next);
    }
  };

  useEffect(() => {
    const c = choice.value;
    if (c && c !== 'new') void load(c);
  }, []);

  const patchCall = (patch: Partial<FormValues['call']>) => (values.value = { ...values.value, call: { ...values.value.call, ...patch } });
  const patchCompany = (patch: Partial<CompanyFields>) => (values.value = { ...values.value, company: { ...values.value.company, ...patch } });
  const setDms = (dms: DecisionMakerRow[]) => (values.value = { ...values.value, decisionMakers: dms });

  const s = settings.value;
  const outcome = values.value.call.outcome;
  const knownId = choice.value && choice.value !== 'new' ? choice.value : null;
  const e = errors.value;

  /** The page shows data the base lacks: offer to take it, never merge silently. */
  const differences = useComputed(() => (result?.match === 'exact' && company.value ? (result.candidates[0]?.differences ?? []) : []));

  const takeFromPage = () => {
    if (!listing) return;
    const current = values.value.company;
    const country = checkersFor(settings.value);
    const known = new Set(current.phones.map((p) => country.phone(p)).filter(Boolean));
    const newPhones = listing.phones.filter((p) => {
      const e164 = country.phone(p);
      return e164 && !known.has(e164);
    });
    patchCompany({
      phones: [...current.phones.filter((p) => p.trim()), ...newPhones],
      address: differences.value.includes('address') && listing.address ? listing.address : current.address,
      website: differences.value.includes('website') && listing.website ? (country.domain?.(listing.website) ?? listing.website) : current.website,
    });
    detailsOpen.value = true;
  };

  const save = async () => {
    serverError.value = '';
    if (askWhich && choice.value === null) {
      errors.value = { which: { key: 'form_errChooseCompany' } };
      return;
    }
    const v = values.value;
    const found = validateForm(v, {
      checkers: checkersFor(settings.value),
      requireRefusalReason: settings.value?.requireRefusalReason ?? true,
      requireOutcome: !knownId && !loggedCall.current,
      now: new Date(),
    });
    errors.value = found;
    if (hasErrors(found)) {
      if (companyErrorPaths(found).length) detailsOpen.value = true;
      // Bring the first problem into view.
      requestAnimationFrame(() => document.querySelector('.field--invalid, [aria-invalid="true"]')?.scrollIntoView({ block: 'center' }));
      return;
    }
    const call = toCallFields(v);
    const pageUrl = target.pageUrl;
    saving.value = true;
    try {
      if (knownId) {
        if (companyChanged(initial.current, v)) {
          const { company: updated } = await request('saveCompany', { company: toCompanyEdit(knownId, v) });
          company.value = updated;
          initial.current = valuesFromCompany(updated, formatPhone);
        }
        let callId: string | undefined;
        let view: CompanyView | undefined;
        if (call) {
          const logged = await request('logCall', { callId: callIdFor(call), companyId: knownId, listing, call, pageUrl });
          callId = logged.call.id;
          view = logged.company;
        }
        props.onSaved({ companyName: company.value?.name ?? v.company.name, callId, view });
        return;
      }
      // A listing not yet in the base: the call creates the company, then the edits go on it.
      if (!listing) return;
      let logged = loggedCall.current;
      if (!logged) {
        if (!call) return;
        const answer = await request('logCall', { callId: callIdFor(call), listing, call, pageUrl });
        logged = { callId: answer.call.id, companyId: answer.company.id, view: answer.company };
        loggedCall.current = logged;
      }
      let name = v.company.name;
      if (companyChanged(initial.current, v)) {
        const stored = await request('getCompany', { id: logged.companyId });
        const edit = editAfterCreate(valuesFromCompany(stored.company, formatPhone), initial.current, v);
        const { company: updated } = await request('saveCompany', { company: toCompanyEdit(logged.companyId, edit) });
        name = updated.name;
      }
      props.onSaved({ companyName: name, callId: logged.callId, view: logged.view });
    } catch (error) {
      serverError.value = displayError(error);
      if (loggedCall.current) serverError.value = `${t('form_callSavedEditsNot')} ${serverError.value}`;
    } finally {
      saving.value = false;
    }
  };

  const refusalReasons = s?.refusalReasons ?? [];
  const saveLabel = loggedCall.current ? t('form_saveEdits') : outcome ? t('form_saveCall') : t('form_saveChanges');
  const companyName = company.value?.name ?? listing?.name ?? '';

  return (
    <form
      class="call-form"
      data-testid="call-form"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <div class="form-head">
        <button type="button" class="icon-btn" data-testid="back" title={t('popup_back')} aria-label={t('popup_back')} onClick={props.onClose}>
          ←
        </button>
        <h2 class="form-title" data-testid="form-title">
          {companyName}
        </h2>
        {company.value ? <StatusChip status={company.value.status} callbackAt={company.value.callbackAt} /> : <StatusChip status="new" />}
      </div>

      {loadError.value ? <p class="notice notice--error">{loadError.value}</p> : null}

      {askWhich ? (
        <fieldset class={`which${e.which ? ' field--invalid' : ''}`} data-testid="which">
          <legend>{result?.match === 'several' ? t('form_whichSeveral') : t('form_whichLikely')}</legend>
          {candidates.map((c) => (
            <label class="check" key={c.companyId}>
              <input type="radio" name="which" checked={choice.value === c.companyId} onChange={() => choose(c.companyId)} />
              <span>
                {c.name} <span class="muted small">({c.via.join(', ')})</span>
              </span>
            </label>
          ))}
          <label class="check">
            <input type="radio" name="which" checked={choice.value === 'new'} onChange={() => choose('new')} />
            <span>{t('form_whichNew')}</span>
          </label>
          {e.which ? <p class="field__error" role="alert">{errorText(e.which)}</p> : null}
        </fieldset>
      ) : null}

      {differences.value.length ? (
        <div class="notice notice--warn" data-testid="differences">
          {t('form_differs', differences.value.map((d) => t(`form_diff_${d}`)).join(', '))}{' '}
          <button type="button" class="btn btn--link" onClick={takeFromPage}>
            {t('form_takeFromPage')}
          </button>
        </div>
      ) : null}

      <fieldset class={`outcomes${e.outcome ? ' field--invalid' : ''}`}>
        <legend>{t('form_outcome')}</legend>
        <div class="outcome-grid" role="group">
          {OUTCOMES.map((o: Outcome) => (
            <button
              type="button"
              key={o}
              class={`outcome st--${o}${outcome === o ? ' outcome--on' : ''}`}
              aria-pressed={outcome === o}
              data-testid={`outcome-${o}`}
              {...hook({ 'data-outcome': o })}
              onClick={() => patchCall({ outcome: outcome === o ? null : o })}
            >
              {t(`outcome_${o}`)}
            </button>
          ))}
        </div>
        {e.outcome ? <p class="field__error" role="alert">{errorText(e.outcome)}</p> : null}
      </fieldset>

      {outcome === 'refused' ? (
        <Field label={s?.requireRefusalReason ? t('form_reasonRequired') : t('form_reason')} error={errorText(e.reason)}>
          {(id, describedBy, invalid) => (
            <div class="reason">
              <div class="chips" role="group" aria-label={t('form_reason')}>
                {refusalReasons.map((r) => (
                  <button
                    type="button"
                    key={r}
                    class={`chip${values.value.call.reason === r ? ' chip--on' : ''}`}
                    aria-pressed={values.value.call.reason === r}
                    {...hook({ 'data-reason': r })}
                    onClick={() => patchCall({ reason: r })}
                  >
                    {r}
                  </button>
                ))}
              </div>
              <TextInput
                id={id}
                data-testid="reason-input"
                placeholder={t('form_reasonTyped')}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                maxLength={LIMITS.reason}
                value={values.value.call.reason}
                onValue={(reason) => patchCall({ reason })}
              />
            </div>
          )}
        </Field>
      ) : null}

      {outcome === 'callback' ? (
        <Field label={t('form_callbackAt')} error={errorText(e.callbackAt)}>
          {(id, describedBy, invalid) => (
            <div class="callback-at">
              <div class="chips" role="group" aria-label={t('form_quickPicks')}>
                {QUICK_PICKS.map((p) => (
                  <button type="button" key={p} class="chip" data-testid={`quick-${p}`} onClick={() => patchCall({ callbackAt: toLocalInput(quickPickTime(p, new Date())) })}>
                    {t(QUICK_LABEL[p])}
                  </button>
                ))}
              </div>
              <input
                id={id}
                type="datetime-local"
                data-testid="callback-input"
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                min={toLocalInput(new Date())}
                value={values.value.call.callbackAt}
                onInput={(ev) => patchCall({ callbackAt: ev.currentTarget.value })}
              />
            </div>
          )}
        </Field>
      ) : null}

      <Field label={t('form_note')} error={errorText(e.note)}>
        {(id, describedBy, invalid) => (
          <textarea
            id={id}
            rows={2}
            maxLength={LIMITS.note}
            data-testid="note"
            {...hook({ 'data-field': 'note' })}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={values.value.call.note}
            onInput={(ev) => patchCall({ note: ev.currentTarget.value })}
          />
        )}
      </Field>

      <Field label={t('form_industry')}>
        {(id) => (
          <>
            <TextInput
              id={id}
              data-testid="industry"
              list="callmark-industries"
              maxLength={LIMITS.category}
              placeholder={t('form_industryPlaceholder')}
              value={values.value.company.industry}
              onValue={(industry) => patchCompany({ industry })}
            />
            <datalist id="callmark-industries">
              {(s?.industries ?? []).map((i) => (
                <option key={i} value={i} />
              ))}
            </datalist>
          </>
        )}
      </Field>

      <DecisionMakers rows={values.value.decisionMakers} onChange={setDms} errors={e} />

      <details
        class="company-details"
        open={detailsOpen.value}
        onToggle={(ev) => (detailsOpen.value = (ev.currentTarget as HTMLDetailsElement).open)}
      >
        <summary data-testid="company-details">
          {t('form_companyDetails')}
          {companyErrorPaths(e).length ? <span class="dot-error" aria-label={t('form_hasErrors')} /> : null}
        </summary>
        <CompanyFieldsEditor fields={values.value.company} patch={patchCompany} errors={e} />
      </details>

      {serverError.value ? (
        <p class="notice notice--error" role="alert" data-testid="form-error">
          {serverError.value}
        </p>
      ) : hasErrors(e) ? (
        <p class="notice notice--error" role="alert" data-testid="form-error">
          {t('form_fixErrors')}
        </p>
      ) : null}

      <div class="form-actions">
        <button type="button" class="btn" onClick={props.onClose}>
          {t('form_cancel')}
        </button>
        <button type="submit" class="btn btn--primary" data-testid="save" {...hook({ 'data-action': 'save' })} disabled={saving.value || loading.value}>
          {saving.value ? t('form_saving') : saveLabel}
        </button>
      </div>

      {knownId ? <History calls={calls.value} loading={loading.value} /> : null}
    </form>
  );
}

function DecisionMakers(props: { rows: DecisionMakerRow[]; onChange: (rows: DecisionMakerRow[]) => void; errors: FormErrors }) {
  const { rows, onChange, errors } = props;
  const set = (i: number, patch: Partial<DecisionMakerRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="dms" data-testid="decision-makers">
      <legend>{t('form_decisionMakers')}</legend>
      {rows.map((row, i) => (
        <div class="dm" key={i} data-testid="dm-row">
          <div class="dm__grid">
            <Field label={t('form_dmName')} error={errorText(errors[`dm.${i}.name`])}>
              {(id, d, inv) => (
                <TextInput id={id} data-testid="dm-name" aria-describedby={d} aria-invalid={inv || undefined} maxLength={LIMITS.personName} value={row.name} onValue={(name) => set(i, { name })} />
              )}
            </Field>
            <Field label={t('form_dmRole')}>
              {(id) => <TextInput id={id} data-testid="dm-role" maxLength={LIMITS.role} value={row.role} onValue={(role) => set(i, { role })} />}
            </Field>
            <Field label={t('form_dmPhone')} error={errorText(errors[`dm.${i}.phone`])}>
              {(id, d, inv) => (
                <TextInput id={id} type="tel" data-testid="dm-phone" aria-describedby={d} aria-invalid={inv || undefined} maxLength={100} value={row.phone} onValue={(phone) => set(i, { phone })} />
              )}
            </Field>
            <Field label={t('form_dmEmail')} error={errorText(errors[`dm.${i}.email`])}>
              {(id, d, inv) => (
                <TextInput id={id} type="email" data-testid="dm-email" aria-describedby={d} aria-invalid={inv || undefined} maxLength={320} value={row.email} onValue={(email) => set(i, { email })} />
              )}
            </Field>
          </div>
          <button
            type="button"
            class="btn btn--link small dm__remove"
            data-testid="dm-remove"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            {t('form_dmRemove')}
          </button>
        </div>
      ))}
      <button type="button" class="btn btn--small" data-testid="dm-add" onClick={() => onChange([...rows, emptyDecisionMaker()])}>
        + {t('form_dmAdd')}
      </button>
    </fieldset>
  );
}

function CompanyFieldsEditor(props: { fields: CompanyFields; patch: (p: Partial<CompanyFields>) => void; errors: FormErrors }) {
  const { fields, patch, errors } = props;
  const phoneErrors: Record<number, string> = {};
  fields.phones.forEach((_, i) => {
    const err = errorText(errors[`phones.${i}`]);
    if (err) phoneErrors[i] = err;
  });
  const text = (key: keyof CompanyFields & ('name' | 'inn' | 'website' | 'address' | 'city'), label: MessageKey, max: number) => (
    <Field label={t(label)} error={errorText(errors[key])}>
      {(id, d, inv) => (
        <TextInput
          id={id}
          data-testid={`company-${key}`}
          aria-describedby={d}
          aria-invalid={inv || undefined}
          maxLength={max}
          value={fields[key]}
          onValue={(v) => patch({ [key]: v })}
        />
      )}
    </Field>
  );
  return (
    <div class="company-fields">
      {text('name', 'form_name', LIMITS.name)}
      <div class="field">
        <label>{t('form_phones')}</label>
        <ListEditor
          testid="company-phones"
          items={fields.phones}
          onChange={(phones) => patch({ phones })}
          errors={phoneErrors}
          maxLength={LIMITS.phoneText}
          itemLabel={(i) => `${t('form_phones')} ${i + 1}`}
          labels={{ add: t('form_addPhone'), remove: t('list_remove'), moveUp: t('list_moveUp'), moveDown: t('list_moveDown') }}
        />
      </div>
      <div class="two">
        {text('inn', 'form_inn', LIMITS.inn)}
        {text('website', 'form_website', LIMITS.website)}
      </div>
      {text('address', 'form_address', LIMITS.address)}
      {text('city', 'form_city', LIMITS.city)}
    </div>
  );
}

function History(props: { calls: Call[]; loading: boolean }) {
  const locale = uiLocale();
  return (
    <section class="history" data-testid="history">
      <h3>{t('form_history')}</h3>
      {props.loading ? (
        <p class="muted small">{t('popup_loading')}</p>
      ) : props.calls.length === 0 ? (
        <p class="muted small">{t('form_historyEmpty')}</p>
      ) : (
        <ol class="history__list">
          {props.calls.map((c) => (
            <li key={c.id} data-testid="history-call" data-outcome-id={c.outcome}>
              <div class="history__head">
                <StatusChip status={c.outcome} />
                <span class="muted small">{formatWhen(c.at, locale)}</span>
                {c.manager ? <span class="muted small">· {c.manager}</span> : null}
              </div>
              {c.reason ? <div class="small">{currentReason(c.reason, settings.value?.reasonAliases ?? {})}</div> : null}
              {c.callbackAt ? <div class="small">{t('status_callbackOn', formatWhen(c.callbackAt, locale))}</div> : null}
              {c.note ? <div class="small history__note">{c.note}</div> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A blank company for the form's first paint while a stored one loads. */
function placeholderCompany(): Company {
  const now = new Date().toISOString();
  return {
    id: '00000000-0000-4000-8000-000000000000',
    name: '…',
    nameKey: '',
    phones: [],
    phoneKeys: [],
    siteKeys: [],
    sources: [],
    decisionMakers: [],
    note: '',
    createdAt: now,
    updatedAt: now,
    status: 'new',
    callCount: 0,
  };
}

