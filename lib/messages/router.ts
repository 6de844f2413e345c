import type { Browser } from 'wxt/browser';
import { t } from '../ui/i18n';
import { Envelope, protocol, type ErrorCode, type ParsedRequestOf, type Reply, type RequestType, type ResponseOf } from './protocol';

export class HandlerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Handlers = {
  [T in RequestType]: (payload: ParsedRequestOf<T>, sender: Browser.runtime.MessageSender) => Promise<ResponseOf<T>>;
};

/**
 * Only this extension's own pages and content scripts may talk to the
 * background: a message from another extension, or a page posing as one, is
 * refused before it is read.
 */
export function isOwnSender(sender: Browser.runtime.MessageSender, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  if (sender.tab) return true; // our content script in a tab
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

const fail = (code: ErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });

/** Turns handlers into one message listener body: validate, dispatch, validate the answer. */
export function createRouter(handlers: Handlers, self: { id: string; origin: string }) {
  return async (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> => {
    if (!isOwnSender(sender, self.id, self.origin)) return fail('forbidden', 'Messages are accepted only from Callmark itself');
    const envelope = Envelope.safeParse(message);
    if (!envelope.success) return fail('bad_request', 'Unknown message');
    const type = envelope.data.type;
    const request = protocol[type].request.safeParse(envelope.data.payload);
    if (!request.success) return fail('bad_request', `Malformed ${type}: ${request.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    try {
      const handler = handlers[type] as (p: unknown, s: Browser.runtime.MessageSender) => Promise<unknown>;
      const data = await handler(request.data, sender);
      // The answer is checked too, so a bug never sends the UI something it cannot show.
      return { ok: true, data: protocol[type].response.parse(data) };
    } catch (error) {
      if (error instanceof HandlerError) return fail(error.code, error.message);
      if (error instanceof Error && (error.name === 'QuotaExceededError' || /quota/i.test(error.message))) {
        return fail('storage_full', t('err_storageFull'));
      }
      if (error instanceof Error && 'code' in error && (error.code === 'not_found' || error.code === 'invalid')) {
        return fail(error.code, error.message);
      }
      console.error(`callmark: ${type} failed`, error);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  };
}
