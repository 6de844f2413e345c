import { protocol, type RequestOf, type RequestType, type ResponseOf } from './protocol';
import { MessageError, send } from './transport';

export { MessageError };

/** Sends one typed request to the background and returns its validated data, or throws MessageError. */
export async function request<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const data = await send(type, payload);
  const parsed = protocol[type].response.safeParse(data);
  if (!parsed.success) throw new MessageError('no_answer', `Unexpected answer to ${type}`);
  return parsed.data as ResponseOf<T>;
}
