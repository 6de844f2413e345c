import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../model/limits';
import { OUTCOMES, type Outcome } from '../model/outcome';
import { outcomeLabel, STATUS_ICON } from './badge-view';
import { fromLocalInput, toLocalInput, quickCallbackTimes, weekdayTime } from './format';
import { t } from './i18n';

/**
 * The in-page call menu: every outcome one click (or one number key) away, a
 * confirmation step for the two that need more (call back: when; refused: why),
 * an optional note, and — when the listing matched several companies or only by
 * name — the choice of which company the call is for.
 */

export interface MenuChoice {
  outcome: Outcome;
  /** The company the call is for; null: a new company from the listing. */
  companyId: string | null;
  reason?: string;
  note: string;
  /** ISO time, for `callback`. */
  callbackAt?: string;
}

export interface MenuCandidate {
  companyId: string;
  name: string;
  likely: boolean;
}

export interface CallMenuProps {
  title: string;
  /** Shown when the target is uncertain (several or likely candidates). */
  candidates: MenuCandidate[];
  /** Preselected target; null = new company. */
  initialTarget: string | null;
  reasons: string[];
  requireReason: boolean;
  locale: string;
  now(): Date;
  /** A save is in flight: buttons are disabled. */
  busy: boolean;
  /** The background's answer to a failed save. */
  error: string | null;
  testHooks: boolean;
  onSubmit(choice: MenuChoice): void;
  onClose(): void;
}

type Step = 'list' | 'callback' | 'refused';

const isTextField = (el: EventTarget | null) =>
  !!el && (el as Element).nodeType === 1 && /^(INPUT|TEXTAREA|SELECT)$/.test((el as Element).tagName);

/** Minute-level grace, like the background's: "in 2 hours" clicked slowly is not "in the past". */
const PAST_GRACE_MS = 30_000;

/**
 * Test hooks (`data-outcome`, `data-reason`, `data-field`, `data-action`…) are
 * written as `__TEST_HOOKS__ && th ? {…} : {}` at each use so release builds,
 * where the constant is false, contain none of them.
 */
export function CallMenu(props: CallMenuProps) {
  const { testHooks: th } = props;
  const [step, setStep] = useState<Step>('list');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | null>(props.initialTarget);
  const [when, setWhen] = useState(() => toLocalInput(quickCallbackTimes(props.now()).tomorrow));
  const [reason, setReason] = useState<string | null>(null);
  const [otherReason, setOtherReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const error = problem ?? props.error;
  const quick = quickCallbackTimes(props.now());

  useEffect(() => {
    const first = rootRef.current?.querySelector<HTMLElement>(step === 'list' ? '[data-first]' : '[data-step-first]');
    first?.focus({ preventScroll: true });
  }, [step]);

  const submit = (choice: Omit<MenuChoice, 'companyId' | 'note'>) => {
    if (props.busy) return;
    setProblem(null);
    props.onSubmit({ ...choice, companyId: target, note: note.trim() });
  };

  const choose = (outcome: Outcome) => {
    if (props.busy) return;
    setProblem(null);
    if (outcome === 'callback') setStep('callback');
    else if (outcome === 'refused') setStep('refused');
    else submit({ outcome });
  };

  const saveCallback = () => {
    const date = fromLocalInput(when);
    if (!date) return setProblem(t('menu_errNoCallback'));
    if (date.getTime() < props.now().getTime() - PAST_GRACE_MS) return setProblem(t('menu_errPastCallback'));
    submit({ outcome: 'callback', callbackAt: date.toISOString() });
  };

  const saveRefused = () => {
    const text = otherReason.trim() || reason || '';
    if (!text && props.requireReason) return setProblem(t('menu_errNoReason'));
    submit({ outcome: 'refused', reason: text || undefined });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (step !== 'list') setStep('list');
      else props.onClose();
    } else if (/^[1-9]$/.test(event.key) && !isTextField(event.target) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      const outcome = OUTCOMES[Number(event.key) - 1];
      if (outcome) {
        event.preventDefault();
        choose(outcome);
      }
    } else if (event.key === 'Enter' && isTextField(event.target) && (event.target as Element).tagName === 'INPUT') {
      event.preventDefault();
      if (step === 'callback') saveCallback();
      else if (step === 'refused') saveRefused();
    }
  };

  const noteField = (
    <>
      <label for="cm-note">{t('menu_note')}</label>
      <textarea
        id="cm-note"
        rows={2}
        maxLength={2000}
        value={note}
        onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
        {...(__TEST_HOOKS__ && th ? { 'data-field': 'note' } : {})}
      />
    </>
  );

  return (
    <div ref={rootRef} role="dialog" aria-label={`${t('menu_title')}: ${props.title}`} onKeyDown={onKeyDown}>
      {/* Page text is isolated (bdi): an RTL override in a name never reorders our own words. */}
      <h2 title={props.title}>
        <bdi>{props.title}</bdi>
      </h2>
      {props.candidates.length > 0 && (
        <div class="cands" role="group" aria-label={t('menu_company')}>
          <div class="sub">{t('menu_whichCompany')}</div>
          {props.candidates.map((c) => (
            <button
              type="button"
              aria-pressed={target === c.companyId}
              onClick={() => setTarget(c.companyId)}
              {...(__TEST_HOOKS__ && th ? { 'data-candidate': c.companyId } : {})}
            >
              <bdi class="nm">{c.name}</bdi>
              {c.likely ? ' ?' : ''}
            </button>
          ))}
          <button type="button" aria-pressed={target === null} onClick={() => setTarget(null)} {...(__TEST_HOOKS__ && th ? { 'data-candidate': 'new' } : {})}>
            {t('menu_newCompany')}
          </button>
        </div>
      )}

      {step === 'list' && (
        <>
          <div class="grid" role="group" aria-label={t('menu_title')}>
            {OUTCOMES.map((outcome, i) => (
              <button
                type="button"
                disabled={props.busy}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => choose(outcome)}
                {...(i === 0 ? { 'data-first': '' } : {})}
                {...(__TEST_HOOKS__ && th ? { 'data-outcome': outcome } : {})}
              >
                <span class="num" aria-hidden="true">{i + 1}</span>
                <span class="ico" aria-hidden="true">{STATUS_ICON[outcome]}</span>
                {outcomeLabel(outcome)}
                {outcome === 'callback' || outcome === 'refused' ? '…' : ''}
              </button>
            ))}
          </div>
          {noteField}
        </>
      )}

      {step === 'callback' && (
        <fieldset>
          <div class="sub">{outcomeLabel('callback')}</div>
          <div class="row">
            {(
              [
                ['in2h', t('menu_in2h'), quick.in2h],
                ['tomorrow', t('menu_tomorrow'), quick.tomorrow],
                ['nextWeek', t('menu_nextWeek'), quick.nextWeek],
              ] as const
            ).map(([id, label, date], i) => (
              <button
                type="button"
                title={weekdayTime(date, props.locale)}
                aria-pressed={when === toLocalInput(date)}
                onClick={() => {
                  setWhen(toLocalInput(date));
                  setProblem(null);
                }}
                {...(i === 0 ? { 'data-step-first': '' } : {})}
                {...(__TEST_HOOKS__ && th ? { 'data-quick': id } : {})}
              >
                {label}
              </button>
            ))}
          </div>
          <label for="cm-when">{t('menu_when')}</label>
          <input
            id="cm-when"
            type="datetime-local"
            value={when}
            onInput={(e) => {
              setWhen((e.currentTarget as HTMLInputElement).value);
              setProblem(null);
            }}
            {...(__TEST_HOOKS__ && th ? { 'data-field': 'callbackAt' } : {})}
          />
          {noteField}
        </fieldset>
      )}

      {step === 'refused' && (
        <fieldset>
          <div class="sub">{t('menu_reason')}</div>
          <div class="row" role="group" aria-label={t('menu_reason')}>
            {props.reasons.map((r, i) => (
              <button
                type="button"
                aria-pressed={reason === r && !otherReason.trim()}
                onClick={() => {
                  setReason(r);
                  setOtherReason('');
                  setProblem(null);
                }}
                {...(i === 0 ? { 'data-step-first': '' } : {})}
                {...(__TEST_HOOKS__ && th ? { 'data-reason': r } : {})}
              >
                {r}
              </button>
            ))}
          </div>
          <label for="cm-reason">{t('menu_otherReason')}</label>
          <input
            id="cm-reason"
            type="text"
            maxLength={LIMITS.reason}
            value={otherReason}
            onInput={(e) => {
              setOtherReason((e.currentTarget as HTMLInputElement).value);
              setProblem(null);
            }}
            {...(props.reasons.length === 0 ? { 'data-step-first': '' } : {})}
            {...(__TEST_HOOKS__ && th ? { 'data-field': 'reason' } : {})}
          />
          {noteField}
        </fieldset>
      )}

      {error && (
        <div class="err" role="alert">
          {error}
        </div>
      )}

      {step !== 'list' && (
        <div class="actions">
          <button type="button" onClick={() => setStep('list')}>
            {t('menu_back')}
          </button>
          <button
            type="button"
            class="save"
            disabled={props.busy}
            onClick={step === 'callback' ? saveCallback : saveRefused}
            {...(__TEST_HOOKS__ && th ? { 'data-action': 'save' } : {})}
          >
            {props.busy ? t('menu_saving') : t('menu_save')}
          </button>
        </div>
      )}
      {step === 'list' && props.busy && <div class="sub">{t('menu_saving')}</div>}
    </div>
  );
}
