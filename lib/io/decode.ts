/**
 * Bytes of a text file → text. Strict UTF-8 first; a file that is not valid
 * UTF-8 is read as Windows-1251, which Russian Excel writes ("CSV (разделители
 * — запятые)"). A byte-order mark is dropped either way.
 */
export type TextEncodingName = 'utf-8' | 'windows-1251';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  let text: string;
  let encoding: TextEncodingName = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    encoding = 'windows-1251';
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding };
}
