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

/**
 * Sends one request in the protocol's envelope and unwraps the reply. It has
 * no zod in it, so the content script that runs on every directory page stays
 * small; the background's router validates every answer before sending it,
 * and extension pages validate once more (./client.ts).
 */
export async function send<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage({ type, payload });
  } catch (error) {
    throw new MessageError('no_answer', error instanceof Error ? error.message : String(error));
  }
  const r = (reply ?? {}) as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return r.data as ResponseOf<T>;
  if (r.ok === false) throw new MessageError(String(r.error?.code ?? 'internal') as ErrorCode, String(r.error?.message ?? ''));
  throw new MessageError('no_answer', `Unexpected answer to ${type}`);
}
