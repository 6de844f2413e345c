import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import { beforeEach } from 'vitest';
import en from '../../public/_locales/en/messages.json';

/** The browser's i18n over the English catalogue, so tests read the words users see. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const message = (en as Record<string, { message: string } | undefined>)[key]?.message ?? '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
});
