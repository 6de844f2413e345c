import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../../lib/ui/i18n';
import { mountCallMenu, type CallMenuProps, type MenuChoice, type MenuView } from '../../../lib/ui/menu';
import { quickCallbackTimes, toLocalInput } from '../../../lib/ui/format';
import { lendGlobals } from './dom-globals';

let dom: JSDOM;
let root: HTMLElement;
let restore: () => void;
let view: MenuView | undefined;

const NOW = new Date(2025, 2, 12, 15, 30); // Wed 12 March 2025, 15:30 local
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

beforeEach(() => {
  dom = new JSDOM('<!doctype html><html><body><div id="m"></div></body></html>', { url: 'https://example.test/' });
  restore = lendGlobals(dom);
  root = dom.window.document.getElementById('m')!;
});
afterEach(() => {
  view?.destroy();
  view = undefined;
  restore();
});

const tick = () => new Promise((r) => setTimeout(r, 0));

function open(overrides: Partial<CallMenuProps> = {}) {
  const onSubmit = vi.fn<(c: MenuChoice) => void>();
  const onClose = vi.fn();
  const props: CallMenuProps = {
    title: 'Кафе Ромашка',
    candidates: [],
    initialTarget: A,
    reasons: ['дорого', 'уже есть поставщик'],
    requireReason: true,
    locale: 'ru',
    now: () => NOW,
    busy: false,
    error: null,
    testHooks: true,
    onSubmit,
    onClose,
    ...overrides,
  };
  view = mountCallMenu(root, props);
  const q = <T extends Element = HTMLElement>(sel: string) => root.querySelector(sel) as T | null;
  const click = async (sel: string) => {
    const el = q(sel);
    if (!el) throw new Error(`no ${sel}`);
    (el as HTMLElement).click();
    await tick();
  };
  const key = async (k: string, target: Element = q('[data-outcome="no_answer"]')!) => {
    target.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    await tick();
  };
  const type = async (sel: string, value: string) => {
    const el = q<HTMLInputElement>(sel)!;
    el.value = value;
    el.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    await tick();
  };
  const mounted = view;
  const rerender = (more: Partial<Pick<CallMenuProps, 'busy' | 'error'>>) => mounted.update(more);
  return { props, onSubmit, onClose, q, click, key, type, rerender };
}

describe('call menu', () => {
  it('offers every outcome, numbered 1–9, with test hooks', () => {
    const m = open();
    const ids = [...root.querySelectorAll('[data-outcome]')].map((b) => b.getAttribute('data-outcome'));
    expect(ids).toEqual(['no_answer', 'callback', 'interested', 'client', 'refused', 'not_user', 'closed', 'wrong_number', 'do_not_call']);
    expect(m.q('[data-outcome="interested"]')!.getAttribute('aria-keyshortcuts')).toBe('3');
    expect(m.q('[data-field="note"]')).not.toBeNull();
  });

  it('has no test hooks when testHooks is off', () => {
    open({ testHooks: false });
    expect(root.querySelector('[data-outcome],[data-field],[data-reason],[data-action]')).toBeNull();
    expect(root.querySelectorAll('button').length).toBeGreaterThanOrEqual(9);
  });

  it('saves a simple outcome in one click, with the note typed', async () => {
    const m = open();
    await m.type('[data-field="note"]', '  секретарь, перезвонить ЛПР ');
    await m.click('[data-outcome="no_answer"]');
    expect(m.onSubmit).toHaveBeenCalledTimes(1);
    expect(m.onSubmit.mock.calls[0]![0]).toEqual({ outcome: 'no_answer', companyId: A, note: 'секретарь, перезвонить ЛПР' });
  });

  it('number keys choose outcomes, but not while typing a note', async () => {
    const m = open();
    await m.key('4');
    expect(m.onSubmit.mock.calls[0]![0].outcome).toBe('client');
    await m.key('7', m.q('[data-field="note"]')!);
    expect(m.onSubmit).toHaveBeenCalledTimes(1);
    await m.key('9');
    expect(m.onSubmit.mock.calls[1]![0].outcome).toBe('do_not_call');
  });

  it('Esc closes the menu', async () => {
    const m = open();
    await m.key('Escape');
    expect(m.onClose).toHaveBeenCalledTimes(1);
  });

  it('call back: tomorrow 10:00 preselected, quick dates, then save', async () => {
    const m = open();
    await m.click('[data-outcome="callback"]');
    expect(m.onSubmit).not.toHaveBeenCalled();
    const input = m.q<HTMLInputElement>('input[type="datetime-local"]')!;
    expect(input.value).toBe('2025-03-13T10:00');
    await m.click('[data-quick="nextWeek"]');
    expect(input.value).toBe('2025-03-17T10:00'); // Monday
    await m.click('[data-quick="in2h"]');
    expect(input.value).toBe('2025-03-12T17:30');
    await m.click('[data-action="save"]');
    expect(m.onSubmit.mock.calls[0]![0]).toMatchObject({ outcome: 'callback', callbackAt: new Date(2025, 2, 12, 17, 30).toISOString(), companyId: A });
  });

  it('call back in the past: a clear message and nothing saved', async () => {
    const m = open();
    await m.key('2');
    await m.type('input[type="datetime-local"]', '2025-03-01T09:00');
    await m.click('[data-action="save"]');
    expect(m.onSubmit).not.toHaveBeenCalled();
    expect(m.q('[role="alert"]')!.textContent).toBe(t('menu_errPastCallback'));
    await m.type('input[type="datetime-local"]', '');
    await m.click('[data-action="save"]');
    expect(m.q('[role="alert"]')!.textContent).toBe(t('menu_errNoCallback'));
    expect(m.onSubmit).not.toHaveBeenCalled();
  });

  it('refused: a reason from the list, or a typed one, then save', async () => {
    const m = open();
    await m.click('[data-outcome="refused"]');
    await m.click('[data-reason="уже есть поставщик"]');
    await m.click('[data-action="save"]');
    expect(m.onSubmit.mock.calls[0]![0]).toMatchObject({ outcome: 'refused', reason: 'уже есть поставщик' });
    await m.type('[data-field="reason"]', 'сами производят');
    await m.click('[data-action="save"]');
    expect(m.onSubmit.mock.calls[1]![0]).toMatchObject({ outcome: 'refused', reason: 'сами производят' });
  });

  it('refused with no reason where one is required: a clear message and nothing saved; allowed where not', async () => {
    const m = open();
    await m.click('[data-outcome="refused"]');
    await m.click('[data-action="save"]');
    expect(m.onSubmit).not.toHaveBeenCalled();
    expect(m.q('[role="alert"]')!.textContent).toBe(t('menu_errNoReason'));
    view?.destroy();
    const n = open({ requireReason: false });
    await n.click('[data-outcome="refused"]');
    await n.click('[data-action="save"]');
    expect(n.onSubmit.mock.calls[0]![0]).toMatchObject({ outcome: 'refused' });
    expect(n.onSubmit.mock.calls[0]![0].reason).toBeUndefined();
  });

  it('with several candidates the user picks the company, or a new one', async () => {
    const m = open({
      candidates: [
        { companyId: A, name: 'Ромашка (Ленина)', likely: false },
        { companyId: B, name: 'Ромашка (Мира)', likely: true },
      ],
      initialTarget: A,
    });
    expect(m.q(`[data-candidate="${A}"]`)!.getAttribute('aria-pressed')).toBe('true');
    await m.click(`[data-candidate="${B}"]`);
    await m.click('[data-outcome="interested"]');
    expect(m.onSubmit.mock.calls[0]![0]).toMatchObject({ outcome: 'interested', companyId: B });
    await m.click('[data-candidate="new"]');
    await m.click('[data-outcome="interested"]');
    expect(m.onSubmit.mock.calls[1]![0].companyId).toBeNull();
  });

  it('shows the background’s error and keeps what was typed', async () => {
    const m = open();
    await m.click('[data-outcome="refused"]');
    await m.type('[data-field="reason"]', 'дорого для них');
    await m.type('[data-field="note"]', 'важно');
    m.rerender({ error: 'Not saved: storage is full', busy: false });
    await tick();
    expect(m.q('[role="alert"]')!.textContent).toBe('Not saved: storage is full');
    expect(m.q<HTMLInputElement>('[data-field="reason"]')!.value).toBe('дорого для них');
    expect(m.q<HTMLTextAreaElement>('[data-field="note"]')!.value).toBe('важно');
  });

  it('keeps the note across steps; Back and Esc return to the outcomes, focused on the first', async () => {
    const m = open();
    await m.type('[data-field="note"]', 'ЛПР в отпуске');
    await m.click('[data-outcome="callback"]');
    expect(m.q<HTMLTextAreaElement>('[data-field="note"]')!.value).toBe('ЛПР в отпуске');
    expect(root.ownerDocument.activeElement?.getAttribute('data-quick')).toBe('in2h');
    const back = [...root.querySelectorAll('button')].find((b) => b.textContent === t('menu_back'))!;
    back.click();
    await tick();
    expect(m.q('[data-outcome="client"]')).not.toBeNull();
    expect(m.q('[data-action="save"]')).toBeNull();
    expect(m.q<HTMLTextAreaElement>('[data-field="note"]')!.value).toBe('ЛПР в отпуске');
    expect(root.ownerDocument.activeElement?.getAttribute('data-outcome')).toBe('no_answer');
    await m.click('[data-outcome="refused"]');
    await m.key('Escape', m.q('[data-field="reason"]')!);
    expect(m.q('[data-outcome="client"]')).not.toBeNull();
    expect(m.onClose).not.toHaveBeenCalled();
  });

  it('a save in flight shows "saving" and disables Save; its failure enables it again', async () => {
    const m = open();
    await m.click('[data-outcome="refused"]');
    await m.click('[data-reason="дорого"]');
    m.rerender({ busy: true });
    const save = m.q<HTMLButtonElement>('[data-action="save"]')!;
    expect([save.disabled, save.textContent]).toEqual([true, t('menu_saving')]);
    m.rerender({ busy: false, error: 'Not saved' });
    expect(m.q<HTMLButtonElement>('[data-action="save"]')).toBe(save);
    expect([save.disabled, save.textContent]).toEqual([false, t('menu_save')]);
    expect(m.q('[role="alert"]')!.textContent).toBe('Not saved');
    expect(m.q('[data-reason="дорого"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('while saving, outcome buttons are disabled', async () => {
    const m = open({ busy: true });
    expect(m.q<HTMLButtonElement>('[data-outcome="client"]')!.disabled).toBe(true);
    await m.key('4');
    expect(m.onSubmit).not.toHaveBeenCalled();
  });
});

describe('quick call-back times', () => {
  it('in 2 hours; tomorrow 10:00; next Monday 10:00 (a week on Mondays)', () => {
    const q = quickCallbackTimes(new Date(2025, 2, 12, 15, 30, 42));
    expect(toLocalInput(q.in2h)).toBe('2025-03-12T17:30');
    expect(toLocalInput(q.tomorrow)).toBe('2025-03-13T10:00');
    expect(toLocalInput(q.nextWeek)).toBe('2025-03-17T10:00');
    expect(toLocalInput(quickCallbackTimes(new Date(2025, 2, 17, 9)).nextWeek)).toBe('2025-03-24T10:00');
    expect(toLocalInput(quickCallbackTimes(new Date(2025, 2, 16, 9)).nextWeek)).toBe('2025-03-17T10:00');
  });
});
