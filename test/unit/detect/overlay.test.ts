import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startOverlay, type Overlay, type OverlayContext } from '../../../lib/detect/overlay';
import type { OverlayPort, OverlaySettings } from '../../../lib/detect/port';
import { MessageError } from '../../../lib/messages/transport';
import { DEFAULT_OVERLAY_SETTINGS } from '../../../lib/detect/settings';
import type { CompanyView } from '../../../lib/model/lookup';
import { lendGlobals } from '../ui/dom-globals';
import { card, makeDom, resultFor, testAdapter } from './helpers';

const CO = '00000000-0000-4000-8000-0000000000c0';
const CALL = '00000000-0000-4000-8000-0000000000ca';

/** A port with an in-memory base: names → company views. */
function fakePort(initial: Partial<OverlaySettings> = {}) {
  const base = new Map<string, CompanyView>();
  let settingsListener: ((s: OverlaySettings) => void) | undefined;
  let baseListener: ((ids: string[]) => void) | undefined;
  let settings: OverlaySettings = { ...DEFAULT_OVERLAY_SETTINGS, ...initial };
  const port = {
    lookup: vi.fn(async (listings: { name: string }[]) => listings.map((l) => resultFor(l.name, base.get(l.name)))),
    logCall: vi.fn(async (payload: Parameters<OverlayPort['logCall']>[0]) => {
      const name = payload.listing!.name;
      const company = {
        ...(base.get(name) ?? resultFor(name, { id: CO }).company!),
        status: payload.call.outcome,
        statusReason: payload.call.reason,
        callbackAt: payload.call.callbackAt,
        callCount: (base.get(name)?.callCount ?? 0) + 1,
      } as CompanyView;
      base.set(name, company);
      return { call: { id: CALL, companyId: company.id, at: new Date().toISOString(), outcome: payload.call.outcome, note: '', manager: '' }, company };
    }),
    undoCall: vi.fn(async () => {
      const [name, company] = [...base.entries()][0]!;
      const reverted = { ...company, status: 'new' as const, callCount: 0 };
      base.set(name, reverted);
      return { company: reverted };
    }),
    loadSettings: vi.fn(async () => settings),
    onSettingsChanged: (l: (s: OverlaySettings) => void) => ((settingsListener = l), () => (settingsListener = undefined)),
    onBaseChanged: (l: (ids: string[]) => void) => ((baseListener = l), () => (baseListener = undefined)),
  };
  return {
    port: port as unknown as OverlayPort & typeof port,
    base,
    setSettings(patch: Partial<OverlaySettings>) {
      settings = { ...settings, ...patch };
      settingsListener?.(settings);
    },
    baseChanged: (ids: string[]) => baseListener?.(ids),
  };
}

function fakeCtx(win: Window & typeof globalThis): OverlayContext & { invalidate(): void } {
  const controller = new win.AbortController();
  return {
    signal: controller.signal,
    onInvalidated(cb) {
      controller.signal.addEventListener('abort', cb);
      return () => controller.signal.removeEventListener('abort', cb);
    },
    setTimeout: (fn, ms) => win.setTimeout(() => !controller.signal.aborted && fn(), ms),
    requestIdleCallback: (fn) => win.setTimeout(() => fn({ didTimeout: false, timeRemaining: () => 10 } as IdleDeadline), 1),
    addEventListener: (target, type, handler, options) => target.addEventListener(type, handler, { ...options, signal: controller.signal }),
    invalidate: () => controller.abort(),
  };
}

let dom: ReturnType<typeof makeDom>;
let restore: () => void;
let overlay: Overlay | undefined;
let ctx: ReturnType<typeof fakeCtx>;

beforeEach(() => {
  fakeBrowser.i18n.getUILanguage = () => 'ru';
  dom = makeDom('<main id="list">' + card('1', 'Alpha') + card('2', 'Beta') + '</main>', 'https://2gis.ru/moscow/search/cafe');
  restore = lendGlobals(dom);
  // jsdom has no layout; the menu closes itself beside a badge of no size, so give badges one.
  dom.window.HTMLElement.prototype.getBoundingClientRect = function () {
    return { x: 10, y: 10, top: 10, left: 10, right: 60, bottom: 28, width: 50, height: 18, toJSON: () => ({}) } as DOMRect;
  };
  ctx = fakeCtx(dom.window as unknown as Window & typeof globalThis);
});
afterEach(() => {
  ctx.invalidate();
  restore();
  overlay = undefined;
});

const doc = () => dom.window.document;
const badges = () => [...doc().querySelectorAll('callmark-badge')] as HTMLElement[];
const statuses = () => badges().map((b) => `${b.dataset.name}:${b.dataset.status}`);
const layerRoot = () => (doc().querySelector('callmark-layer') as HTMLElement | null)?.shadowRoot ?? null;
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function start(f: ReturnType<typeof fakePort>) {
  overlay = startOverlay({ ctx, adapter: testAdapter(), port: f.port, window: dom.window as never, serveTab: false });
  return overlay;
}

describe('overlay', () => {
  it('badges every listing after one lookup', async () => {
    const f = fakePort();
    f.base.set('Beta', resultFor('Beta', { id: CO, status: 'client' }).company!);
    start(f);
    await vi.waitFor(() => expect(statuses()).toEqual(['Alpha:new', 'Beta:client']));
    expect(f.port.lookup).toHaveBeenCalledTimes(1);
  });

  it('switching the overlay off removes every badge at once; on brings them back; a disabled site gets none', async () => {
    const f = fakePort();
    start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    f.setSettings({ overlayEnabled: false });
    expect(badges()).toHaveLength(0);
    f.setSettings({ overlayEnabled: true });
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    f.setSettings({ disabledSites: ['2gis.ru'] });
    expect(badges()).toHaveLength(0);
    f.setSettings({ disabledSites: [] });
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
  });

  it('a site switched off before load never gets a badge nor sends a lookup', async () => {
    const f = fakePort({ disabledSites: ['2gis.ru'] });
    start(f);
    await tick(100);
    expect(badges()).toHaveLength(0);
    expect(f.port.lookup).not.toHaveBeenCalled();
  });

  it('a base change elsewhere updates the badge', async () => {
    const f = fakePort();
    start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    f.base.set('Alpha', resultFor('Alpha', { id: CO, status: 'refused' }).company!);
    f.baseChanged([CO]);
    await vi.waitFor(() => expect(statuses()).toEqual(['Alpha:refused', 'Beta:new']));
  });

  it('logs a call from the badge menu: the badge changes at once, undo really removes the call', async () => {
    const f = fakePort();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const logCall = f.port.logCall.getMockImplementation()!;
    f.port.logCall.mockImplementationOnce(async (p) => {
      await gate;
      return logCall(p);
    });
    start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    const host = badges()[0]!;
    host.shadowRoot!.querySelector('button')!.click();
    await tick();
    const menu = layerRoot()!.querySelector('.menu')!;
    expect(menu.querySelector('h2')!.textContent).toBe('Alpha');
    (menu.querySelector('[data-outcome="interested"]') as HTMLElement).click();
    await tick();
    // Optimistic: shown before the background answers.
    expect(host.dataset.status).toBe('interested');
    release();
    await vi.waitFor(() => expect(layerRoot()!.querySelector('.menu')).toBeNull());
    expect(f.port.logCall).toHaveBeenCalledWith(
      expect.objectContaining({ listing: expect.objectContaining({ name: 'Alpha', siteId: '1' }), call: { outcome: 'interested' } }),
    );
    expect(f.port.logCall.mock.calls[0]![0].companyId).toBeUndefined(); // not in the base: created from the listing
    expect(host.dataset).toMatchObject({ status: 'interested', match: 'exact' });
    const undo = layerRoot()!.querySelector('[data-action="undo"]') as HTMLElement;
    expect(undo).not.toBeNull();
    undo.click();
    await vi.waitFor(() => expect(host.dataset.status).toBe('new'));
    expect(f.port.undoCall).toHaveBeenCalledWith({ callId: CALL });
  });

  it('a refused error from the background shows in the menu, the badge goes back, nothing typed is lost', async () => {
    const f = fakePort();
    f.port.logCall.mockRejectedValueOnce(new MessageError('storage_full', 'The browser has no room left for the base'));
    start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    const host = badges()[1]!;
    host.shadowRoot!.querySelector('button')!.click();
    await tick();
    const menu = () => layerRoot()!.querySelector('.menu')!;
    const note = menu().querySelector('[data-field="note"]') as HTMLTextAreaElement;
    note.value = 'ЛПР в отпуске';
    note.dispatchEvent(new dom.window.Event('input', { bubbles: true }));
    await tick();
    (menu().querySelector('[data-outcome="no_answer"]') as HTMLElement).click();
    await vi.waitFor(() => expect(menu().querySelector('[role="alert"]')?.textContent).toContain('no room left'));
    expect(host.dataset.status).toBe('new');
    expect((menu().querySelector('[data-field="note"]') as HTMLTextAreaElement).value).toBe('ЛПР в отпуске');
  });

  it('a matched listing logs against its company; Esc closes the menu', async () => {
    const f = fakePort();
    f.base.set('Beta', resultFor('Beta', { id: CO, status: 'no_answer' }).company!);
    start(f);
    await vi.waitFor(() => expect(statuses()).toEqual(['Alpha:new', 'Beta:no_answer']));
    badges()[1]!.shadowRoot!.querySelector('button')!.click();
    await tick();
    const menu = layerRoot()!.querySelector('.menu')!;
    menu.querySelector('[data-outcome]')!.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: '4', bubbles: true }));
    await vi.waitFor(() => expect(f.port.logCall).toHaveBeenCalledTimes(1));
    expect(f.port.logCall.mock.calls[0]![0]).toMatchObject({ companyId: CO, call: { outcome: 'client' } });
    await vi.waitFor(() => expect(statuses()).toEqual(['Alpha:new', 'Beta:client']));
    badges()[0]!.shadowRoot!.querySelector('button')!.click();
    await tick();
    expect(layerRoot()!.querySelector('.menu')).not.toBeNull();
    layerRoot()!.querySelector('.menu [data-outcome]')!.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await tick();
    expect(layerRoot()!.querySelector('.menu')).toBeNull();
  });

  it('answers the popup: listings with their results, and reveal', async () => {
    const f = fakePort();
    const o = start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    const answer = o.tab.listings();
    expect(answer.directory).toBe('test');
    expect(answer.listings.map((l) => [l.data.name, l.result?.match])).toEqual([
      ['Alpha', 'none'],
      ['Beta', 'none'],
    ]);
    const el = o.detector.get(answer.listings[1]!.key)!.card as HTMLElement;
    el.scrollIntoView = vi.fn();
    expect(o.tab.reveal(answer.listings[1]!.key)).toEqual({ found: true });
    expect(el.scrollIntoView).toHaveBeenCalled();
    expect(o.tab.reveal('nope')).toEqual({ found: false });
    f.setSettings({ overlayEnabled: false });
    expect(o.tab.listings()).toEqual({ directory: null, listings: [] });
  });

  it('when the extension reloads (context invalidated) every badge and listener goes', async () => {
    const f = fakePort();
    start(f);
    await vi.waitFor(() => expect(badges()).toHaveLength(2));
    ctx.invalidate();
    expect(badges()).toHaveLength(0);
    doc().getElementById('list')!.insertAdjacentHTML('beforeend', card('3', 'Gamma'));
    await tick(100);
    expect(badges()).toHaveLength(0);
  });
});
