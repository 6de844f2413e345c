import type { Browser } from 'wxt/browser';
import { codeMessage, issuesText, safeText, validationIssues } from './errors';
import { storageProblemOf, type StorageProblemCode } from '../store/pending';
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

/** Every error reply carries a code and words for the user: never an issue list, a stack or JSON. */
const fail = (code: ErrorCode, message: string = codeMessage(code)): Reply<never> => ({
  ok: false,
  error: { code, message: safeText(message, code) },
});

const storeCode = (error: unknown): ErrorCode | undefined => {
  const code = error instanceof Error && 'code' in error ? (error as { code: unknown }).code : undefined;
  return code === 'not_found' || code === 'invalid' ? code : undefined;
};

/** Turns handlers into one message listener body: validate, dispatch, validate the answer. */
export function createRouter(
  handlers: Handlers,
  self: { id: string; origin: string },
  /** The base could not be read or written: the background notes it where the popup and the options page show it. */
  onStorageProblem?: (code: StorageProblemCode) => void,
) {
  return async (message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply<unknown>> => {
    if (!isOwnSender(sender, self.id, self.origin)) return fail('forbidden');
    const envelope = Envelope.safeParse(message);
    if (!envelope.success) return fail('bad_request');
    const type = envelope.data.type;
    // The input is reported so a missing field reads "missing"; it is never shown.
    const request = protocol[type].request.safeParse(envelope.data.payload, { reportInput: true });
    if (!request.success) return fail('bad_request', issuesText(request.error.issues));
    try {
      const handler = handlers[type] as (p: unknown, s: Browser.runtime.MessageSender) => Promise<unknown>;
      const data = await handler(request.data, sender);
      // The answer is checked too, so a bug never sends the UI something it cannot show.
      const answer = protocol[type].response.safeParse(data);
      if (!answer.success) {
        console.error(`callmark: ${type} answered outside its schema`, answer.error.issues);
        return fail('internal');
      }
      return { ok: true, data: answer.data };
    } catch (error) {
      if (error instanceof HandlerError) return fail(error.code, error.message);
      const problem = storageProblemOf(error);
      if (problem) {
        console.warn(`callmark: ${type}: the base is not usable`, error);
        onStorageProblem?.(problem);
        return fail(problem);
      }
      // Data that did not fit a schema on the way into the base (a company, a call): named in words.
      const issues = validationIssues(error);
      if (issues) {
        console.warn(`callmark: ${type} refused`, issues);
        return fail('invalid', issuesText(issues));
      }
      // The store refuses in words from the catalogues (lib/store/*.ts StoreError).
      const code = storeCode(error);
      if (code) return fail(code, error instanceof Error && error.message ? error.message : undefined);
      console.error(`callmark: ${type} failed`, error);
      return fail('internal');
    }
  };
}
