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
 *
 * Plain DOM, not Preact: the menu is the content script's only component, and
 * a renderer would be 12.7 kB of every directory page's script for it.
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

/** A mounted menu: what can change while it is open (a save in flight, its failure), and its removal. */
export interface MenuView {
  update(changes: Partial<Pick<CallMenuProps, 'busy' | 'error'>>): void;
  destroy(): void;
}

type Step = 'list' | 'callback' | 'refused';

const isTextField = (el: EventTarget | null) =>
  !!el && (el as Element).nodeType === 1 && /^(INPUT|TEXTAREA|SELECT)$/.test((el as Element).tagName);

/** Minute-level grace, like the background's: "in 2 hours" clicked slowly is not "in the past". */
const PAST_GRACE_MS = 30_000;

type Attrs = Record<string, string | undefined>;

/**
 * Draws the menu into `root` and keeps it up to date. Test hooks (`data-outcome`,
 * `data-reason`, `data-field`, `data-action`…) are written as
 * `__TEST_HOOKS__ && th ? {…} : {}` at each use so release builds, where the
 * constant is false, contain none of them.
 */
export function mountCallMenu(root: Element, initial: CallMenuProps): MenuView {
  const props = { ...initial };
  const th = props.testHooks;
  const doc = root.ownerDocument;
  let step: Step = 'list';
  let note = '';
  let target = props.initialTarget;
  let when = toLocalInput(quickCallbackTimes(props.now()).tomorrow);
  let reason: string | null = null;
  let otherReason = '';
  let problem: string | null = null;

  /** An element with attributes (undefined: left out), `on…` listeners and children. */
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Attrs = {},
    on: Partial<Record<'click' | 'input', (e: Event) => void>> = {},
    ...children: Array<Node | string>
  ): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) node.setAttribute(k, v);
    for (const [type, listener] of Object.entries(on)) node.addEventListener(type, listener);
    node.append(...children);
    return node;
  };
  const pressed = (b: boolean) => String(b);
  /** Elements whose state follows the menu's, synced after every change: the candidates' for good, the step's until the step changes. */
  const candidateSyncers: Array<() => void> = [];
  let syncers: Array<() => void> = [];
  const follow = (f: () => void) => {
    syncers.push(f);
    f();
  };

  const submit = (choice: Omit<MenuChoice, 'companyId' | 'note'>) => {
    if (props.busy) return;
    problem = null;
    sync();
    props.onSubmit({ ...choice, companyId: target, note: note.trim() });
  };
  const choose = (outcome: Outcome) => {
    if (props.busy) return;
    problem = null;
    if (outcome === 'callback') go('callback');
    else if (outcome === 'refused') go('refused');
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
  const setProblem = (text: string | null) => {
    problem = text;
    sync();
  };

  const dialog = el('div', { role: 'dialog', 'aria-label': `${t('menu_title')}: ${props.title}` });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (step !== 'list') go('list');
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
  });

  // Page text is isolated (bdi): an RTL override in a name never reorders our own words.
  const heading = el('h2', { title: props.title }, {}, el('bdi', {}, {}, props.title));
  const candidates =
    props.candidates.length > 0
      ? el(
          'div',
          { class: 'cands', role: 'group', 'aria-label': t('menu_company') },
          {},
          el('div', { class: 'sub' }, {}, t('menu_whichCompany')),
          ...[...props.candidates.map((c) => ({ id: c.companyId as string | null, c })), { id: null, c: undefined }].map(({ id, c }) => {
            const button = el(
              'button',
              { type: 'button', ...(__TEST_HOOKS__ && th ? { 'data-candidate': id ?? 'new' } : {}) },
              { click: () => ((target = id), sync()) },
              ...(c ? [el('bdi', { class: 'nm' }, {}, c.name), c.likely ? ' ?' : ''] : [t('menu_newCompany')]),
            );
            candidateSyncers.push(() => button.setAttribute('aria-pressed', pressed(target === id)));
            return button;
          }),
        )
      : null;

  const noteField = () => [
    el('label', { for: 'cm-note' }, {}, t('menu_note')),
    (() => {
      const area = el('textarea', { id: 'cm-note', rows: '2', maxlength: '2000', ...(__TEST_HOOKS__ && th ? { 'data-field': 'note' } : {}) }, { input: (e) => (note = (e.currentTarget as HTMLTextAreaElement).value) });
      area.value = note;
      return area;
    })(),
  ];

  const stepBody = (): Node[] => {
    if (step === 'list') {
      const grid = el(
        'div',
        { class: 'grid', role: 'group', 'aria-label': t('menu_title') },
        {},
        ...OUTCOMES.map((outcome, i) => {
          const button = el(
            'button',
            { type: 'button', 'aria-keyshortcuts': String(i + 1), ...(i === 0 ? { 'data-first': '' } : {}), ...(__TEST_HOOKS__ && th ? { 'data-outcome': outcome } : {}) },
            { click: () => choose(outcome) },
            el('span', { class: 'num', 'aria-hidden': 'true' }, {}, String(i + 1)),
            el('span', { class: 'ico', 'aria-hidden': 'true' }, {}, STATUS_ICON[outcome]),
            outcomeLabel(outcome),
            outcome === 'callback' || outcome === 'refused' ? '…' : '',
          );
          follow(() => (button.disabled = props.busy));
          return button;
        }),
      );
      return [grid, ...noteField()];
    }
    if (step === 'callback') {
      const quick = quickCallbackTimes(props.now());
      const input = el('input', { id: 'cm-when', type: 'datetime-local', ...(__TEST_HOOKS__ && th ? { 'data-field': 'callbackAt' } : {}) }, { input: (e) => ((when = (e.currentTarget as HTMLInputElement).value), setProblem(null)) });
      input.value = when;
      const choices = (
        [
          ['in2h', t('menu_in2h'), quick.in2h],
          ['tomorrow', t('menu_tomorrow'), quick.tomorrow],
          ['nextWeek', t('menu_nextWeek'), quick.nextWeek],
        ] as const
      ).map(([id, label, date], i) => {
        const button = el(
          'button',
          { type: 'button', title: weekdayTime(date, props.locale), ...(i === 0 ? { 'data-step-first': '' } : {}), ...(__TEST_HOOKS__ && th ? { 'data-quick': id } : {}) },
          { click: () => ((when = toLocalInput(date)), (input.value = when), setProblem(null)) },
          label,
        );
        follow(() => button.setAttribute('aria-pressed', pressed(when === toLocalInput(date))));
        return button;
      });
      return [
        el(
          'fieldset',
          {},
          {},
          el('div', { class: 'sub' }, {}, outcomeLabel('callback')),
          el('div', { class: 'row' }, {}, ...choices),
          el('label', { for: 'cm-when' }, {}, t('menu_when')),
          input,
          ...noteField(),
        ),
      ];
    }
    const typed = el(
      'input',
      {
        id: 'cm-reason',
        type: 'text',
        maxlength: String(LIMITS.reason),
        ...(props.reasons.length === 0 ? { 'data-step-first': '' } : {}),
        ...(__TEST_HOOKS__ && th ? { 'data-field': 'reason' } : {}),
      },
      { input: (e) => ((otherReason = (e.currentTarget as HTMLInputElement).value), setProblem(null)) },
    );
    typed.value = otherReason;
    const reasons = props.reasons.map((r, i) => {
      const button = el(
        'button',
        { type: 'button', ...(i === 0 ? { 'data-step-first': '' } : {}), ...(__TEST_HOOKS__ && th ? { 'data-reason': r } : {}) },
        { click: () => ((reason = r), (otherReason = ''), (typed.value = ''), setProblem(null)) },
        r,
      );
      follow(() => button.setAttribute('aria-pressed', pressed(reason === r && !otherReason.trim())));
      return button;
    });
    return [
      el(
        'fieldset',
        {},
        {},
        el('div', { class: 'sub' }, {}, t('menu_reason')),
        el('div', { class: 'row', role: 'group', 'aria-label': t('menu_reason') }, {}, ...reasons),
        el('label', { for: 'cm-reason' }, {}, t('menu_otherReason')),
        typed,
        ...noteField(),
      ),
    ];
  };

  /** The step's buttons at the foot: back, and save (its words and state follow a save in flight). */
  const actions = (): Node[] => {
    if (step === 'list') return [];
    const save = el(
      'button',
      { type: 'button', class: 'save', ...(__TEST_HOOKS__ && th ? { 'data-action': 'save' } : {}) },
      { click: () => (step === 'callback' ? saveCallback() : saveRefused()) },
    );
    follow(() => {
      save.disabled = props.busy;
      save.textContent = props.busy ? t('menu_saving') : t('menu_save');
    });
    return [el('div', { class: 'actions' }, {}, el('button', { type: 'button' }, { click: () => go('list') }, t('menu_back')), save)];
  };

  // The parts that come and go: the error, and "saving" under the list.
  const errorSlot = doc.createComment('');
  const busySlot = doc.createComment('');
  let shownError: HTMLElement | null = null;
  let shownBusy: HTMLElement | null = null;
  const sync = () => {
    for (const f of syncers) f();
    const error = problem ?? props.error;
    if (shownError && shownError.textContent !== error) {
      shownError.remove();
      shownError = null;
    }
    if (error && !shownError) errorSlot.after((shownError = el('div', { class: 'err', role: 'alert' }, {}, error)));
    const busyLine = step === 'list' && props.busy;
    if (shownBusy && !busyLine) {
      shownBusy.remove();
      shownBusy = null;
    }
    if (busyLine && !shownBusy) busySlot.after((shownBusy = el('div', { class: 'sub' }, {}, t('menu_saving'))));
  };

  const go = (next: Step) => {
    step = next;
    problem = null;
    syncers = [...candidateSyncers];
    shownError?.remove();
    shownBusy?.remove();
    shownError = shownBusy = null;
    dialog.replaceChildren(heading, ...(candidates ? [candidates] : []), ...stepBody(), errorSlot, ...actions(), busySlot);
    sync();
    dialog.querySelector<HTMLElement>(step === 'list' ? '[data-first]' : '[data-step-first]')?.focus({ preventScroll: true });
  };

  root.replaceChildren(dialog);
  go('list');
  return {
    update(changes) {
      Object.assign(props, changes);
      sync();
    },
    destroy() {
      dialog.remove();
    },
  };
}
