import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { describe, expect, it, vi } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import ru from '../../../public/_locales/ru/messages.json';
import { CompanyEdit } from '../../../lib/messages/protocol';
import {
  ERROR_MESSAGES, FIELD_LABELS, SHOWN_ERROR_CODES, displayError, issuesText, looksRaw,
} from '../../../lib/messages/errors';
import { createHandlers } from '../../../lib/messages/handlers';
import { createRouter } from '../../../lib/messages/router';
import { MessageError } from '../../../lib/messages/transport';
import { DEFAULT_SETTINGS } from '../../../lib/model';
import { freshDb, listing } from '../store/helpers';

type Catalogue = Record<string, { message: string }>;
const catalogues: Array<[string, Catalogue]> = [['en', en as Catalogue], ['ru', ru as Catalogue]];

/** The browser's i18n over one catalogue, as setup.ts does for English. */
function speak(catalogue: Catalogue) {
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    return (catalogue[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  }) as typeof fakeBrowser.i18n.getMessage;
}

/** What must never be on the screen. */
const RAW = /[{[]|"code"/;

describe('the error catalogue', () => {
  it.each(catalogues)('every error code has a message in %s', (_lang, catalogue) => {
    for (const code of SHOWN_ERROR_CODES) {
      const text = catalogue[ERROR_MESSAGES[code]]?.message;
      expect(text, code).toBeTruthy();
      expect(looksRaw(text!), code).toBe(false);
    }
  });

  it.each(catalogues)('every field name and issue kind is in %s', (_lang, catalogue) => {
    const keys = [...Object.values(FIELD_LABELS), ...Object.keys(en).filter((k) => k.startsWith('err_'))];
    for (const key of keys) expect(catalogue[key]?.message, key).toBeTruthy();
  });

  it('Russian and English say different things (the Russian one is translated)', () => {
    for (const code of SHOWN_ERROR_CODES) expect((ru as Catalogue)[ERROR_MESSAGES[code]]!.message).toMatch(/[а-я]/);
  });
});

describe('validation issues in words', () => {
  const tooLongIndustry = () =>
    CompanyEdit.safeParse({ id: crypto.randomUUID(), name: 'A', phones: [], decisionMakers: [], industry: 'x'.repeat(201) }).error!.issues;

  it('names the field and the limit, in English and in Russian', () => {
    expect(issuesText(tooLongIndustry())).toBe('Industry: at most 200 characters.');
    speak(ru as Catalogue);
    expect(issuesText(tooLongIndustry())).toBe('Отрасль: не более 200 символов.');
  });

  it("names a decision maker's field as such, and says how many more problems there are", () => {
    const issues = CompanyEdit.safeParse({
      id: 'nope', name: '', phones: 'x', decisionMakers: [{ name: 'x'.repeat(300) }], industry: 5,
    }).error!.issues;
    const text = issuesText(issues);
    expect(text).toMatch(/^Identifier: not a valid identifier; Name: must not be empty; Phones: wrong kind of value; and 2 more\.$/);
    expect(issuesText(issues.slice(3))).toContain("Decision maker's name: at most 200 characters");
  });

  it('the screen never shows JSON, an issue list or a stack, whatever was thrown', () => {
    const zodError = CompanyEdit.safeParse({}).error!;
    expect(zodError.message).toMatch(RAW); // zod's own message is the dump users saw
    for (const error of [
      zodError,
      new Error(zodError.message),
      new Error('TypeError: x is undefined\n    at save (chrome-extension://id/content.js:1:2)'),
      new MessageError('invalid', '[{"code":"too_big","path":["industry"]}]'),
      new MessageError('internal', ''),
      { code: 'bad_request', message: '{"oops":1}' },
      '[object Object]',
      undefined,
    ]) {
      const text = displayError(error);
      expect(text, String(error)).not.toMatch(RAW);
      expect(text.length).toBeGreaterThan(5);
    }
    expect(displayError(new MessageError('no_answer', 'Could not establish connection'))).toBe(en.err_code_no_answer.message);
    expect(displayError(new MessageError('invalid', 'Industry: at most 200 characters.'))).toBe('Industry: at most 200 characters.');
  });
});

describe('the router answers every kind of invalid input in words', () => {
  const SELF = { id: 'callmark-id', origin: 'chrome-extension://callmark-id' };
  const sender = { id: SELF.id, tab: { id: 7 } } as Browser.runtime.MessageSender;
  const uuid = '0b8f1d7e-3c44-4d8e-9a5b-2f1f7c3f9a10';

  async function route(message: unknown, handlers: Partial<ReturnType<typeof createHandlers>> = {}) {
    const db = await freshDb();
    const real = createHandlers({ db: async () => db, settings: async () => DEFAULT_SETTINGS, announce: vi.fn(async () => {}) });
    return createRouter({ ...real, ...handlers }, SELF)(message, sender);
  }

  const cases: Array<[string, unknown, RegExp]> = [
    ['a name too long', { type: 'lookup', payload: { listings: [listing({ name: 'x'.repeat(501) })] } }, /^Name: at most 500 characters\.$/],
    ['an industry too long', { type: 'saveCompany', payload: { company: { id: uuid, name: 'A', phones: [], decisionMakers: [], industry: 'x'.repeat(201) } } }, /^Industry: at most 200 characters\.$/],
    ['too many phones', { type: 'saveCompany', payload: { company: { id: uuid, name: 'A', phones: Array(51).fill('1'), decisionMakers: [] } } }, /^Phones: at most 50 items\.$/],
    ['a wrong type', { type: 'lookup', payload: { listings: [listing({ phones: 'x' as never })] } }, /^Phones: wrong kind of value\.$/],
    ['a missing field', { type: 'logCall', payload: { listing: listing(), call: {} } }, /^Outcome: missing\.$/],
    ['a missing payload', { type: 'getCompany' }, /not understood/],
    ['a bad uuid', { type: 'getCompany', payload: { id: '1; DROP TABLE' } }, /^Identifier: not a valid identifier\.$/],
    ['a bad date', { type: 'logCall', payload: { listing: listing(), call: { outcome: 'callback', callbackAt: 'tomorrow at 10' } } }, /^Call-back time: not a valid date and time\.$/],
    ['an unknown outcome', { type: 'logCall', payload: { listing: listing(), call: { outcome: 'maybe' } } }, /^Outcome: unknown outcome\.$/],
    ['neither company nor listing', { type: 'logCall', payload: { call: { outcome: 'client' } } }, /^A call needs a company or a listing\.$/],
    ['a batch over the limit', { type: 'lookup', payload: { listings: Array.from({ length: 1001 }, () => listing()) } }, /^Listings: at most 1000 items\.$/],
    ['a bad number', { type: 'search', payload: { query: 'a', limit: 1.5 } }, /^Number of results: must be a whole number\.$/],
    ['an unknown request', { type: 'dropDatabase', payload: {} }, /not understood/],
    ['not a message at all', 'logCall', /not understood/],
  ];

  it.each(cases)('%s', async (_label, message, words) => {
    const reply = await route(message);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('bad_request');
    expect(reply.error.message).toMatch(words);
    expect(reply.error.message).not.toMatch(RAW);
  });

  it('in Russian too', async () => {
    speak(ru as Catalogue);
    const reply = await route(cases[1]![1]);
    expect(reply).toEqual({ ok: false, error: { code: 'bad_request', message: 'Отрасль: не более 200 символов.' } });
  });

  it('a handler that fails inside (a schema on the way into the base, a bug, a broken answer) is words too', async () => {
    const zodThrow = await route({ type: 'getCompany', payload: { id: uuid } }, {
      getCompany: async () => {
        CompanyEdit.parse({ id: uuid, name: 'A', phones: [], decisionMakers: [], industry: 'x'.repeat(201) });
        throw new Error('unreachable');
      },
    });
    expect(zodThrow).toEqual({ ok: false, error: { code: 'invalid', message: 'Industry: at most 200 characters.' } });

    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bug = await route({ type: 'getCompany', payload: { id: uuid } }, {
      getCompany: async () => {
        throw new TypeError('Cannot read properties of undefined (reading "x") {"code":1}');
      },
    });
    expect(bug).toEqual({ ok: false, error: { code: 'internal', message: en.err_code_internal.message } });
    const broken = await route({ type: 'search', payload: { query: 'a' } }, { search: async () => [{ id: 'not a company' }] as never });
    expect(broken).toEqual({ ok: false, error: { code: 'internal', message: en.err_code_internal.message } });
    spy.mockRestore();
  });
});

describe('the call menu shows a failed save in words', () => {
  it('"Not saved:" and the field in words, or its code\'s message for anything raw', async () => {
    const { errorText } = await import('../../../lib/detect/overlay');
    expect(errorText(new MessageError('bad_request', 'Industry: at most 200 characters.'))).toBe('Not saved: Industry: at most 200 characters.');
    const dump = '[ { "origin": "string", "code": "too_big", "maximum": 200, "path": [ "industry" ] } ]';
    const shown = errorText(new MessageError('internal', dump));
    expect(shown).toBe(`Not saved: ${en.err_code_internal.message}`);
    expect(shown).not.toMatch(RAW);
    expect(errorText(new MessageError('no_answer', 'Receiving end does not exist'))).toBe(en.menu_errNoAnswer.message);
  });
});
