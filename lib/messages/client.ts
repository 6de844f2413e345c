import { browser } from 'wxt/browser';
import { protocol, replySchema, type ErrorCode, type RequestOf, type RequestType, type ResponseOf } from './protocol';

export class MessageError extends Error {
  constructor(
    readonly code: ErrorCode | 'no_answer',
    message: string,
  ) {
    super(message);
  }
}

/** Sends one typed request to the background and returns its validated data, or throws MessageError. */
export async function request<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ type, payload });
  } catch (error) {
    throw new MessageError('no_answer', error instanceof Error ? error.message : String(error));
  }
  const reply = replySchema(protocol[type].response).safeParse(raw);
  if (!reply.success) throw new MessageError('no_answer', `Unexpected answer to ${type}`);
  if (!reply.data.ok) throw new MessageError(reply.data.error.code, reply.data.error.message);
  return reply.data.data as ResponseOf<T>;
}
