/**
 * Deterministic ids for imported records, so that importing the same file
 * again (or resuming a cut-short import) writes the same companies and calls
 * instead of second copies. A 128-bit hash of the content, shaped as a UUID
 * (version 5, RFC variant) so it passes every UUID check.
 */

/** Four independent 32-bit FNV-1a style lanes with a murmur finaliser: fast, synchronous, well spread. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 0x811c9dc5, h2 = 0x01000193 ^ 0x9e3779b9, h3 = 0x85ebca6b, h4 = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h3 = Math.imul(h3 ^ c, 0x27d4eb2d);
    h4 = Math.imul(h4 ^ c, 0x165667b1);
  }
  const mix = (h: number, seed: number) => {
    h ^= seed;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  // Cross the lanes so each output word depends on all four.
  return [mix(h1 ^ h3, text.length), mix(h2 ^ h4, 0x9e3779b9), mix(h3 ^ h1 ^ h2, 0x7f4a7c15), mix(h4 ^ h2 ^ h3, 0x94d049bb)];
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** A UUID derived from `parts` (joined unambiguously), with a namespace word first. */
export function contentId(namespace: string, ...parts: ReadonlyArray<string | undefined>): string {
  const text = [namespace, ...parts.map((p) => p ?? '')].join('\u0000');
  const [a, b, c, d] = hash128(text);
  const h = hex(a) + hex(b) + hex(c) + hex(d);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
