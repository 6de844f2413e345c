/**
 * Company names: the normalised matching key (`Company.nameKey`) and the
 * display form.
 */

/**
 * Printable ASCII, А–я, Ё, ё, «», dashes and №: text that no Unicode
 * normalisation changes (but № and #, replaced first). Tested against the full
 * path (test/unit/match/name.test.ts).
 */
const PLAIN_TEXT = /^[\x20-\x7e\u0410-\u044f\u0401\u0451\u00ab\u00bb\u2013\u2014\u2116]*$/;

/** Case, ё → е, diacritics (é → e, but й stays й), compatibility forms; № dropped. */
export function foldText(s: string): string {
  // Most of what a base holds is plain text: only case, ё and № change (an import folds every cell).
  if (PLAIN_TEXT.test(s)) return s.replace(/[№#]/g, ' ').toLowerCase().replace(/ё/g, 'е');
  return foldFully(s);
}

/** foldText without the fast path. */
export function foldFully(s: string): string {
  return s
    .replace(/[№#]/g, ' ') // NFKC would turn № into "No"
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFD')
    .replace(/и\u0306/g, 'й')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
}

/** Legal-form abbreviations, dropped wherever they stand ("ООО Ромашка", "Ромашка, ООО"). */
const FORM_TOKENS = new Set([
  'ооо', 'оао', 'зао', 'пао', 'нао', 'ао', 'ип', 'нко', 'ано', 'чуп', 'уп', 'муп', 'гуп', 'фгуп',
  'тоо', 'одо', 'кфх', 'пбоюл', 'гк',
  // Latin transliterations seen on sites
  'ooo', 'oao', 'zao', 'pao',
]);

/** Spelled-out legal forms, as token sequences (after folding). */
const FORM_PHRASES: readonly string[][] = [
  'федеральное государственное унитарное предприятие',
  'государственное унитарное предприятие',
  'муниципальное унитарное предприятие',
  'частное унитарное предприятие',
  'унитарное предприятие',
  'общество с ограниченной ответственностью',
  'товарищество с ограниченной ответственностью',
  'открытое акционерное общество',
  'закрытое акционерное общество',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'акционерное общество',
  'индивидуальный предприниматель',
  'автономная некоммерческая организация',
  'некоммерческая организация',
  'крестьянское фермерское хозяйство',
  'группа компаний',
  'limited liability company',
  'l l c',
].map((p) => p.split(' '));

/** English forms: only at the end of a name ("Acme Co", "Acme Corp.", "Acme Ltd"). */
const TRAILING_FORMS = new Set([
  'llc', 'inc', 'ltd', 'co', 'corp', 'gmbh', 'plc', 'llp', 'incorporated', 'corporation', 'limited',
]);

/** Split at commas outside quotes («Рога, копыта» stays one part). */
function splitOutsideQuotes(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let toggled = false;
  let current = '';
  for (const ch of s) {
    if (ch === '«') depth++;
    else if (ch === '»') depth = Math.max(0, depth - 1);
    else if ('"“”„‟'.includes(ch)) toggled = !toggled;
    if (ch === ',' && depth === 0 && !toggled) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  // Unbalanced quotes: the quote marks mean nothing, split at every comma.
  if (depth !== 0 || toggled) return s.split(',');
  return parts;
}

function tokens(part: string): string[] {
  return part
    .replace(/(\p{L})['’`ʼ‘](\p{L})/gu, '$1$2') // McDonald's → mcdonalds
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function startsWithAt(words: string[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) return false;
  return true;
}

/** Remove legal forms until nothing changes (removal can bring words together). */
function dropLegalForms(words: string[]): string[] {
  let cur = words;
  for (;;) {
    const next: string[] = [];
    for (let i = 0; i < cur.length; ) {
      const phrase = FORM_PHRASES.find((p) => startsWithAt(cur, i, p));
      if (phrase) {
        i += phrase.length;
        continue;
      }
      if (FORM_TOKENS.has(cur[i]!)) {
        i++;
        continue;
      }
      next.push(cur[i]!);
      i++;
    }
    while (next.length > 1 && TRAILING_FORMS.has(next[next.length - 1]!)) next.pop();
    if (next.length === cur.length) return next;
    cur = next;
  }
}

/**
 * The matching key of a company name: legal forms dropped, quotes,
 * punctuation and case folded, ё → е, whitespace collapsed, and a
 * directory's descriptor after a comma dropped ("Кампус, кафе-бар" →
 * "кампус"; "Рога и копыта, ООО" → "рога и копыта"). Deterministic and
 * idempotent. A name that is nothing but a legal form keeps its words.
 */
export function nameKey(name: string): string {
  if (typeof name !== 'string') return '';
  const folded = foldText(name);
  const parts = splitOutsideQuotes(folded).map(tokens);
  for (const words of parts) {
    const kept = dropLegalForms(words);
    if (kept.length > 0) return kept.join(' ');
  }
  return parts.flat().join(' ');
}

/** The name as shown: trimmed, whitespace (incl. no-break spaces) collapsed. */
export function displayName(name: string): string {
  if (typeof name !== 'string') return '';
  return name.replace(/[\s\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g, ' ').trim();
}
