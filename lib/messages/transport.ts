import { browser } from 'wxt/browser';
import type { ErrorCode, RequestOf, RequestType, ResponseOf } from './protocol';

/** A failed request: the background's error code and its message, or `no_answer`. */
export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode | 'no_answer',
    message: string,
  ) {
    super(message);
  }
}

/** Chrome's words for a message whose receiver went away before answering. */
const WORKER_GONE = /message port closed|receiving end does not exist|message channel closed|could not establish connection/i;
const RETRY_DELAYS_MS = [50, 250, 1000, 2000];

/**
 * Sends one request in the protocol's envelope and unwraps the reply. It has
 * no zod in it, so the content script that runs on every directory page stays
 * small; the background's router validates every answer before sending it,
 * and extension pages validate once more (./client.ts).
 */
export async function send<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      reply = await browser.runtime.sendMessage({ type, payload });
      break;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The browser stopped the service worker while it was answering: the next message starts
      // it again. Every request may be repeated (a logged call carries its own id, ./protocol.ts).
      if (attempt < RETRY_DELAYS_MS.length && WORKER_GONE.test(message)) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
        continue;
      }
      throw new MessageError('no_answer', message);
    }
  }
  const r = (reply ?? {}) as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return r.data as ResponseOf<T>;
  if (r.ok === false) throw new MessageError(String(r.error?.code ?? 'internal') as ErrorCode, String(r.error?.message ?? ''));
  throw new MessageError('no_answer', `Unexpected answer to ${type}`);
}
