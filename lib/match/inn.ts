/**
 * Russian company identifiers: INN (taxpayer number) and OGRN / OGRNIP (state
 * registration number), with their official check digits.
 */

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return (sum % 11) % 10;
}

/**
 * INN: 10 digits (organisation) or 12 (individual, sole proprietor), with
 * the checksums of the Federal Tax Service. The first two digits are a region
 * code, so "00…" is never valid (this also rules out all-zero strings).
 */
export function isValidInn(s: string): boolean {
  if (typeof s !== 'string' || !/^\d{10}(?:\d{2})?$/.test(s) || s.startsWith('00')) return false;
  if (s.length === 10) return checkDigit(s, INN10_WEIGHTS) === Number(s[9]);
  return (
    checkDigit(s, INN12_WEIGHTS_11) === Number(s[10]) &&
    checkDigit(s, INN12_WEIGHTS_12) === Number(s[11])
  );
}

/** `digits` (a decimal string) modulo `m`, without overflowing a double. */
function modOf(digits: string, m: number): number {
  let r = 0;
  for (const ch of digits) r = (r * 10 + Number(ch)) % m;
  return r;
}

/**
 * OGRN: 13 digits, starting with 1 or 5, check digit = (first 12 mod 11) mod 10.
 * OGRNIP: 15 digits, starting with 3, check digit = (first 14 mod 13) mod 10.
 * Other first digits are registration-record numbers (ГРН), not OGRNs.
 */
export function isValidOgrn(s: string): boolean {
  if (typeof s !== 'string') return false;
  if (/^[15]\d{12}$/.test(s)) return modOf(s.slice(0, 12), 11) % 10 === Number(s[12]);
  if (/^3\d{14}$/.test(s)) return modOf(s.slice(0, 14), 13) % 10 === Number(s[14]);
  return false;
}

const INN_LABELLED =
  /(?<![\p{L}\p{N}])(?:ИНН|INN)(?:\s*\/\s*КПП)?\s*[:№#]?\s*(\d{12}|\d{10})(?!\d)/giu;
const OGRN_LABELLED =
  /(?<![\p{L}\p{N}])(?:ОГРНИП|ОГРН|OGRNIP|OGRN)\s*[:№#]?\s*(\d{15}|\d{13})(?!\d)/giu;

function firstValid(text: string, re: RegExp, valid: (s: string) => boolean): string | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  for (const m of text.replace(/\u00A0/g, ' ').matchAll(re)) {
    if (valid(m[1]!)) return m[1];
  }
  return undefined;
}

/** The first valid INN written after an "ИНН" label ("ИНН: 7707083893 / КПП …"). */
export function extractInn(text: string): string | undefined {
  return firstValid(text, INN_LABELLED, isValidInn);
}

/** The first valid OGRN/OGRNIP written after an "ОГРН"/"ОГРНИП" label. */
export function extractOgrn(text: string): string | undefined {
  return firstValid(text, OGRN_LABELLED, isValidOgrn);
}

/**
 * An INN field as a directory gives it ("7707083893", "ИНН 7707083893",
 * "7707 083 893"): the valid INN in it, or undefined.
 */
export function cleanInn(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/[\s\u00A0-]/g, '');
  if (isValidInn(digits)) return digits;
  return extractInn(raw) ?? (/^\D*(\d{10}|\d{12})\D*$/.test(raw) ? validOr(raw, isValidInn) : undefined);
}

/** The same for an OGRN / OGRNIP field. */
export function cleanOgrn(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const digits = raw.replace(/[\s\u00A0-]/g, '');
  if (isValidOgrn(digits)) return digits;
  return extractOgrn(raw) ?? (/^\D*(\d{13}|\d{15})\D*$/.test(raw) ? validOr(raw, isValidOgrn) : undefined);
}

function validOr(raw: string, valid: (s: string) => boolean): string | undefined {
  const digits = raw.replace(/\D/g, '');
  return valid(digits) ? digits : undefined;
}
