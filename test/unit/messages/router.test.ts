import type { Browser } from 'wxt/browser';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../lib/model';
import { createHandlers } from '../../../lib/messages/handlers';
import { createRouter } from '../../../lib/messages/router';
import { freshDb, listing } from '../store/helpers';

const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
const fromContentScript = { id: SELF.id, tab: { id: 7 } as Browser.tabs.Tab, url: 'https://2gis.ru/moscow' } as Browser.runtime.MessageSender;
const fromPopup = { id: SELF.id, url: `${SELF.origin}/popup.html` } as Browser.runtime.MessageSender;

async function setup(settings = DEFAULT_SETTINGS) {
  const db = await freshDb();
  const announce = vi.fn(async () => {});
  const scheduleReminder = vi.fn(async () => {});
  const now = new Date('2026-11-22T12:00:00.000Z');
  const route = createRouter(
    createHandlers({ db: async () => db, settings: async () => ({ ...settings, managerName: 'Анна' }), announce, scheduleReminder, now: () => now }),
    SELF,
  );
  return { db, route, announce, scheduleReminder };
}

const logRefusal = { type: 'logCall', payload: { listing: listing(), call: { outcome: 'refused', reason: 'дорого' } } };

describe('message router', () => {
  it('answers a valid request with {ok: true, data} and stamps the manager', async () => {
    const { db, route, announce } = await setup();
    const reply = await route(logRefusal, fromContentScript);
    expect(reply).toMatchObject({ ok: true, data: { company: { status: 'refused', statusReason: 'дорого' }, call: { manager: 'Анна' } } });
    expect(await db.count('calls')).toBe(1);
    expect(announce).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another extension', { id: 'evil', tab: { id: 1 } }],
    ['a web page with no extension id', { url: 'https://evil.example/' }],
    ['an extension page of someone else', { id: 'evil', url: 'chrome-extension://evil/popup.html' }],
    ['our id but a foreign page, not a tab', { id: SELF.id, url: 'https://evil.example/' }],
  ])('refuses a message from %s and changes nothing', async (_label, sender) => {
    const { db, route } = await setup();
    const reply = await route(logRefusal, sender as Browser.runtime.MessageSender);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(await db.count('companies')).toBe(0);
    expect(await db.count('calls')).toBe(0);
  });

  it.each([
    ['not an object', 'logCall'],
    ['an unknown type', { type: 'dropDatabase', payload: {} }],
    ['a missing payload', { type: 'logCall' }],
    ['an unknown outcome', { type: 'logCall', payload: { listing: listing(), call: { outcome: 'maybe' } } }],
    ['neither company nor listing', { type: 'logCall', payload: { call: { outcome: 'client' } } }],
    ['a company id that is no UUID', { type: 'logCall', payload: { companyId: '1; DROP', call: { outcome: 'client' } } }],
    ['a listing without a name', { type: 'lookup', payload: { listings: [{ directory: '2gis', name: '' }] } }],
    ['a batch over the limit', { type: 'lookup', payload: { listings: Array.from({ length: 1001 }, () => listing()) } }],
  ])('refuses %s with bad_request and changes nothing', async (_label, message) => {
    const { db, route } = await setup();
    const reply = await route(message, fromContentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await db.count('companies')).toBe(0);
  });

  it('stores a call sent twice with its own id once, and answers both times alike', async () => {
    const { db, route } = await setup();
    const message = { type: 'logCall', payload: { ...logRefusal.payload, callId: crypto.randomUUID() } };
    const first = await route(message, fromContentScript);
    const retry = await route(message, fromContentScript);
    expect(first).toMatchObject({ ok: true, data: { call: { id: message.payload.callId } } });
    expect(retry).toEqual(first);
    expect(await db.count('calls')).toBe(1);
    expect(await db.count('companies')).toBe(1);
  });

  it('refuses a call-back in the past with a clear message', async () => {
    const { db, route } = await setup();
    const reply = await route({ type: 'logCall', payload: { listing: listing(), call: { outcome: 'callback', callbackAt: '2026-11-21T12:00:00.000Z' } } }, fromPopup);
    expect(reply).toEqual({ ok: false, error: { code: 'invalid', message: 'The call-back time is in the past.' } });
    expect(await db.count('companies')).toBe(0);
  });

  it('refuses a refusal without a reason where settings require one, and accepts it where they do not', async () => {
    const strict = await setup();
    const payload = { listing: listing(), call: { outcome: 'refused', reason: '  ' } };
    expect(await strict.route({ type: 'logCall', payload }, fromPopup)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await strict.db.count('calls')).toBe(0);
    const lax = await setup({ ...DEFAULT_SETTINGS, requireRefusalReason: false });
    expect(await lax.route({ type: 'logCall', payload }, fromPopup)).toMatchObject({ ok: true });
  });

  it('refuses a dialled phone that is not a phone', async () => {
    const { db, route } = await setup();
    const reply = await route({ type: 'logCall', payload: { listing: listing(), call: { outcome: 'no_answer', phone: '12.03.2024' } } }, fromPopup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await db.count('calls')).toBe(0);
  });

  it('schedules a reminder for a call-back and cancels it on undo', async () => {
    const { route, scheduleReminder } = await setup();
    const reply = await route(
      { type: 'logCall', payload: { listing: listing(), call: { outcome: 'callback', callbackAt: '2026-11-23T10:00:00.000Z' } } },
      fromContentScript,
    );
    if (!reply.ok) throw new Error(reply.error.message);
    const callId = (reply.data as { call: { id: string } }).call.id;
    expect(scheduleReminder).toHaveBeenCalledWith(callId, '2026-11-23T10:00:00.000Z');
    const undone = await route({ type: 'undoCall', payload: { callId } }, fromPopup);
    expect(undone).toMatchObject({ ok: true, data: { company: { status: 'new', callCount: 0 } } });
    expect(scheduleReminder).toHaveBeenLastCalledWith(callId, undefined);
  });

  it('answers not_found for an unknown company', async () => {
    const { route } = await setup();
    expect(await route({ type: 'getCompany', payload: { id: crypto.randomUUID() } }, fromPopup)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a full disk gives storage_full and a clear message', async () => {
    const failing = createRouter(
      createHandlers({
        db: async () => {
          throw new DOMException('Quota exceeded', 'QuotaExceededError');
        },
        settings: async () => DEFAULT_SETTINGS,
        announce: async () => {},
      }),
      SELF,
    );
    expect(await failing(logRefusal, fromPopup)).toMatchObject({ ok: false, error: { code: 'storage_full', message: expect.stringMatching(/nothing was saved/) } });
  });
});
