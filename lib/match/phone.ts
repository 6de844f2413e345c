/**
 * Phone numbers: parsing raw strings from directory pages into E.164 keys, and
 * finding phones in free text for generic detection.
 *
 * Metadata choice: `libphonenumber-js/max`, not `/min`. With `min` metadata
 * `isValid()` only checks the country's general number pattern, so for Russia
 * it accepts ~190 unassigned area codes (+7 300…, +7 303…, +7 400…, +7 440…,
 * +7 810…, +7 880–899…): any 10-digit run starting with 3, 4 or 8 would be
 * "valid", which is exactly the false positive that generic detection on
 * arbitrary sites must not produce. `max` checks the assigned number ranges
 * (fixed line, mobile, toll free…) and rejects those. The cost is about 75 KB
 * more metadata (minified, before compression) in the content script; a
 * local extension bundle pays that in parse time (~1 ms), not in download.
 * (The `/mobile` metadata would reject fixed lines, which are most business
 * numbers, so it is not an option.)
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type { CountryCode };

export interface ParsedPhone {
  /** E.164, without extension: `+74957083112`. */
  e164: string;
  /** Extension digits, if the string had one ("доб. 123"). */
  ext?: string;
}

export interface FoundPhone extends ParsedPhone {
  /** The substring of the text that held the phone (extension included). */
  raw: string;
  /** Index of `raw` in the text. */
  index: number;
}

const DEFAULT_COUNTRY: CountryCode = 'RU';

/** Every kind of space a page may use between digit groups. */
const SPACES = /[\s\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g;
/** Hyphen, figure dash, en dash, em dash, minus, non-breaking hyphen… → '-'. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Extension at the end: "доб. 123", "ext. 12", "x12", "#12", ";ext=12", "(вн. 12)". */
const EXT_AT_END =
  /^(.*?\d[)\s]*)[\s,;(]*(?:;?ext=|доб(?:авочный|ав)?\.?|ext(?:ension)?\.?|вн(?:утр(?:енний)?)?\.?|x|#)\s*[:.]?\s*(\d{1,7})\s*\)?$/iu;

/** "+78124565045,216": a dialling pause (',' or 'p'/'w') then the extension, no spaces. */
const DIAL_PAUSE_EXT = /^(\+?[\d()-]*\d)[,pw;](\d{1,7})$/i;

/** What a phone's main part may consist of once the extension is gone. */
const PHONE_CHARS = /^\+?[\d\s().\-/]+$/;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DATE = /^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})|\d{4}[./-]\d{1,2}[./-]\d{1,2})$/;

function normalizeSpacing(s: string): string {
  return s.replace(SPACES, ' ').replace(DASHES, '-').trim();
}

/** `tel:+7%20495…`, `callto:`, `sms:` → the number part, decoded. */
function stripUriScheme(s: string): string {
  let out = s.trim();
  const m = /^(?:tel|callto|sms|phone|whatsapp):(?:\/\/)?/i.exec(out);
  if (m) {
    out = out.slice(m[0].length);
    // tel URIs carry parameters after ';' (RFC 3966); keep only ;ext=.
    const ext = /;ext=(\d{1,7})/i.exec(out);
    out = out.split(';')[0]!.split('?')[0]! + (ext ? ` ext. ${ext[1]}` : '');
  }
  if (out.includes('%')) {
    try {
      out = decodeURIComponent(out);
    } catch {
      return '';
    }
  }
  return out;
}

function isIpAddress(s: string): boolean {
  return IPV4.test(s) && s.split('.').every((octet) => Number(octet) <= 255);
}

/**
 * Resolve a cleaned main part (no extension) to a valid number, or null.
 * A number written in national form (no `+`, no international prefix) must
 * belong to the default country itself: Russia and Kazakhstan share +7, and a
 * bare 10-digit run such as INN 7707083893 would otherwise pass as a Kazakh
 * number. Within the North American plan (+1) national form covers all its
 * countries, so there any NANP country is accepted.
 */
function resolve(main: string, defaultCountry: CountryCode): PhoneNumber | null {
  if (!PHONE_CHARS.test(main)) return null;
  if (isIpAddress(main) || DATE.test(main)) return null;
  // A '+' may only lead.
  if (main.indexOf('+') > 0) return null;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;

  let text = main;
  // "00 357 …": the common international prefix, which libphonenumber only
  // honours where it is the country's own (not for Russia's 8~10).
  if (/^00[1-9]/.test(digits) && !main.startsWith('+')) text = '+' + digits.slice(2);

  // An unknown default country (a bad setting) leaves only international numbers.
  const known = isSupportedCountry(defaultCountry);
  let phone: PhoneNumber | undefined;
  try {
    phone = parsePhoneNumberFromString(text, known ? { defaultCountry } : {});
  } catch {
    return null;
  }
  if (!phone || !phone.isValid() || !phone.country) return null;
  if (!known) return text.startsWith('+') ? phone : null;

  const defaultCode = getCountryCallingCode(defaultCountry);
  const international = text.startsWith('+') || phone.countryCallingCode !== defaultCode;
  if (!international && phone.country !== defaultCountry) {
    const trunkPrefixed = defaultCode === '7' && /^[78]\d{10}$/.test(digits);
    if (defaultCode !== '1' && !trunkPrefixed) return null;
  }
  return phone;
}

/**
 * Parse one raw phone string ("8 (495) 708-31-12 доб. 123", "tel:+7%20495…").
 * Returns null for anything that is not a valid number for its country; it
 * never guesses.
 */
export function parsePhone(
  raw: string,
  defaultCountry: CountryCode = DEFAULT_COUNTRY,
): ParsedPhone | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 200) return null;
  let s = normalizeSpacing(stripUriScheme(raw));
  if (!s) return null;

  let ext: string | undefined;
  const m = EXT_AT_END.exec(s) ?? DIAL_PAUSE_EXT.exec(s);
  if (m) {
    s = m[1]!.trim();
    ext = m[2];
  }
  const phone = resolve(s, defaultCountry);
  if (!phone) return null;
  return ext ? { e164: phone.number, ext } : { e164: phone.number };
}

/** The E.164 key (no extension), or null. */
export function normalizePhone(
  raw: string,
  defaultCountry: CountryCode = DEFAULT_COUNTRY,
): string | null {
  return parsePhone(raw, defaultCountry)?.e164 ?? null;
}

/** `+74957083112;ext=12`: the form `Company.phones` stores. */
export function phoneEntry(p: ParsedPhone): string {
  return p.ext ? `${p.e164};ext=${p.ext}` : p.e164;
}

/** Split a stored entry (`+74957083112;ext=12`) into number and extension. */
export function splitPhoneEntry(entry: string): ParsedPhone {
  const [e164, ...params] = entry.split(';');
  const ext = params.find((p) => p.startsWith('ext='))?.slice(4);
  return ext ? { e164: e164!, ext } : { e164: e164! };
}

/**
 * "+7 495 708-31-12": the country code, then the national grouping (which for
 * Russia uses dashes; libphonenumber's own international format uses only
 * spaces) without the trunk prefix and brackets.
 */
function internationalWithNationalGrouping(phone: PhoneNumber): string {
  const national = phone.formatNational();
  const nn = phone.nationalNumber as string;
  for (let i = 0; i < national.length; i++) {
    if (national[i] !== nn[0]) continue;
    if (national.slice(i).replace(/\D/g, '') !== nn) continue;
    const rest = national.slice(i).replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
    return `+${phone.countryCallingCode} ${rest}`;
  }
  return phone.formatInternational();
}

/**
 * Display form: "+7 495 708-31-12", "+357 22 256300", "+1 206 386-4636";
 * a stored extension is shown as " доб. 12". Unparseable input is returned
 * unchanged.
 */
export function formatPhone(e164: string): string {
  const { e164: number, ext } = splitPhoneEntry(e164.trim());
  let phone: PhoneNumber | undefined;
  try {
    phone = parsePhoneNumberFromString(number);
  } catch {
    phone = undefined;
  }
  if (!phone) return e164;
  const main = internationalWithNationalGrouping(phone);
  return ext ? `${main} доб. ${ext}` : main;
}

// ---------------------------------------------------------------------------
// Free text

/**
 * A run of phone-like characters: an optional '+' or '(', then digits with the
 * separators phones use. Horizontal whitespace only: a line break ends a run.
 */
const RUN =
  /(?:\+\s?|\()?\d(?:[\d\u00A0\u202F\u2009 \t().\-\u2010-\u2015\u2212]*\d)?(?:[\s,;(]*(?:доб(?:авочный|ав)?\.?|ext(?:ension)?\.?|вн(?:утр(?:енний)?)?\.?|x|#)\s*[:.]?\s*\d{1,7}\)?)?/giu;

/** Labels after which a number is an identifier, not a phone. */
const ID_LABEL_BEFORE =
  /(?:ИНН|ОГРНИП|ОГРН|КПП|БИК|ОКПО|ОКВЭД|ОКАТО|ОКТМО|СНИЛС|р\/с|к\/с|сч[её]т|№|N°|No\.?|#|ID|артикул|арт\.?|заказ[а-я]*|код|индекс|л\/с)\s*[:.]?\s*$/iu;
/** Currency or unit right after the number: a price, a quantity. */
const UNIT_AFTER = /^\s*(?:₽|руб|р\.|RUB|\$|€|£|USD|EUR|тыс|млн|млрд|шт|кг|км|м²|м2|%)/iu;
/** Currency right before the number. */
const UNIT_BEFORE = /(?:[$€£₽]|USD|EUR|RUB)\s*$/iu;

function rejectedByContext(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 12);
  // Part of a longer token: a word, a URL path, a query value, an e-mail, a
  // decimal or a time ("14:30"). A label's colon or dot ("тел.:+7…") is fine.
  if (/[\p{L}\p{N}_/=&@]$/u.test(before) || /\p{N}[.:]$/u.test(before)) return true;
  if (/^[\p{L}\p{N}_@/]/u.test(after)) return true;
  if (ID_LABEL_BEFORE.test(before)) return true;
  if (UNIT_BEFORE.test(before) || UNIT_AFTER.test(after)) return true;
  return false;
}

const MAX_PIECE = 40;

/**
 * Whether a candidate is shaped like a written phone: some digit group has at
 * least three digits (an area code or a subscriber block). A row of small
 * numbers ("34 35 36 37 38", "1 2 3 4 5 6 7 8 9 10") can spell a valid number
 * by chance but is never how a phone is written.
 */
function phoneShaped(candidate: string): boolean {
  const main = EXT_AT_END.exec(candidate)?.[1] ?? candidate;
  return main.split(/\D+/).some((group) => group.length >= 3);
}

function tryPiece(piece: string, defaultCountry: CountryCode): ParsedPhone | null {
  return phoneShaped(piece) ? parsePhone(piece, defaultCountry) : null;
}

/**
 * Split a run into phones. Whole runs are tried first; a run that is not a
 * phone as a whole (two numbers separated only by spaces) is split at
 * whitespace, taking the longest valid piece from each start. A run without
 * whitespace is never split: a long digit string is an id, not phones.
 */
function phonesInRun(
  run: string,
  offset: number,
  defaultCountry: CountryCode,
  out: FoundPhone[],
): void {
  const whole = tryPiece(run, defaultCountry);
  if (whole) {
    out.push({ raw: run, index: offset, ...whole });
    return;
  }
  // Token boundaries: positions after whitespace.
  const starts: number[] = [0];
  for (const m of run.matchAll(/\s+/g)) starts.push(m.index + m[0].length);
  if (starts.length === 1) return;
  let i = 0;
  while (i < starts.length) {
    const from = starts[i]!;
    let best: { to: number; next: number; parsed: ParsedPhone } | null = null;
    // Grow the piece token by token; a phone with an extension fits in
    // MAX_PIECE characters, which also bounds the work on long runs.
    for (let j = i + 1; j <= starts.length; j++) {
      const to = j === starts.length ? run.length : starts[j]!;
      const piece = run.slice(from, to).trimEnd();
      if (piece.length > MAX_PIECE) break;
      const parsed = tryPiece(piece, defaultCountry);
      if (parsed) best = { to: from + piece.length, next: j, parsed };
    }
    if (best) {
      out.push({ raw: run.slice(from, best.to), index: offset + from, ...best.parsed });
      i = best.next;
    } else i++;
  }
}

/**
 * Phones in free text, in order of appearance. Dates, prices, IP addresses,
 * order numbers, postal codes and INN/OGRN (and other ids after their labels)
 * are not phones.
 */
export function extractPhones(
  text: string,
  defaultCountry: CountryCode = DEFAULT_COUNTRY,
): FoundPhone[] {
  if (typeof text !== 'string' || !text) return [];
  const out: FoundPhone[] = [];
  for (const m of text.matchAll(RUN)) {
    let raw = m[0];
    let start = m.index;
    // A '(' that opens nothing (no ')' in the run) is punctuation, not a phone part.
    if (raw.startsWith('(') && !raw.includes(')')) {
      raw = raw.slice(1);
      start += 1;
    }
    // Trailing ')' that closes nothing.
    while (raw.endsWith(')') && (raw.match(/\(/g)?.length ?? 0) < (raw.match(/\)/g)?.length ?? 0)) {
      raw = raw.slice(0, -1);
    }
    const end = start + raw.length;
    const digits = raw.replace(/\D/g, '').length;
    if (digits < 7) continue;
    if (rejectedByContext(text, start, end)) continue;
    phonesInRun(raw, start, defaultCountry, out);
  }
  return out;
}
