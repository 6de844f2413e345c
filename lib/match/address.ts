/**
 * Address and city keys: two spellings of the same address
 * ("г. Москва, ул. Никольская, д. 25" and 2GIS's "Москва, Никольская, 25")
 * give the same key. Only the street and the house (with its корпус /
 * строение / литера) make the key; country, region, district, postal code,
 * city, floor, office and entrance are left out. Best effort, not a parser:
 * used only together with an equal name key.
 */
import { foldText } from './name';

/** A regex that matches `alternatives` as whole words (JS `\b` ignores Cyrillic). */
function word(alternatives: string, flags = 'gu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, flags);
}

const COUNTRY = word('россия|российская федерация|рф|russia|russian federation|usa|united states|cyprus|кипр');
const REGION =
  /(?:област|обл\.?$|^обл\.?|(?<![\p{L}])край(?![\p{L}])|республик|респ\.|автономн|(?<![\p{L}])район(?![\p{L}])|р-н|(?<![\p{L}])округ(?![\p{L}])|county|district)/u;
const US_STATE_ZIP = /^[a-z]{2}\s+\d{5}(?:-\d{4})?$/;
const POSTAL = /^\d{5,6}$/;

/** Settlement-type words before a city name. */
const SETTLEMENT_PREFIX = word(
  'г\\.?|город|гор\\.|пгт\\.?|пос\\.?|поселок|п\\.|д\\.|дер\\.|деревня|село|с\\.|ст-ца|станица|рп\\.?|city of',
);
/** Settlement-type words inside a street part. */
const SETTLEMENT_WORDS = new Set(['г', 'город', 'гор', 'деревня', 'дер', 'поселок', 'пос', 'пгт', 'село']);
/** "г. Москва" written inside a street part. */
const CITY_IN_PART = /(?<![\p{L}\p{N}])(?:г\.|город)\s*([\p{L}][\p{L}-]*)/u;

const CITY_ALIASES: Record<string, string> = {
  спб: 'санкт петербург',
  питер: 'санкт петербург',
  'с петербург': 'санкт петербург',
  мск: 'москва',
};

/** Street types, folded to one spelling; `улица` is dropped (2GIS omits it). Order matters. */
const STREET_TYPES: Array<[RegExp, string]> = [
  [word('улица|ул\\.?'), ' '],
  [word('проезд|пр-д|прд'), ' прд '],
  [word('проспект|просп\\.?|пр-кт|пр-т|пркт|пр\\.?'), ' пр '],
  [word('бульвар|бул\\.?|б-р'), ' бул '],
  [word('переулок|пер\\.?'), ' пер '],
  [word('шоссе|ш\\.'), ' ш '],
  [word('набережная|наб\\.?'), ' наб '],
  [word('площадь|пл\\.?'), ' пл '],
  [word('аллея|ал\\.'), ' ал '],
  [word('тупик|туп\\.?'), ' туп '],
  [word('микрорайон|мкр-н|мкрн|мкр\\.?'), ' мкр '],
  [word('квартал|кв-л'), ' квл '],
  [word('линия|лин\\.'), ' лин '],
  [word('дорога|дор\\.'), ' дор '],
  [word('street|str\\.'), ' st '],
  [word('avenue|ave\\.'), ' ave '],
  [word('road|rd\\.'), ' rd '],
  [word('boulevard|blvd\\.'), ' blvd '],
  [word('drive|dr\\.'), ' dr '],
];

/** House-part words. */
const HOUSE_WORDS: Array<[RegExp, string]> = [
  [word('дом|д\\.?'), ' '],
  [word('корпус|корп\\.?|кор\\.?|к\\.?'), ' к '],
  [word('строение|стр\\.?|ст\\.?|с\\.?'), ' с '],
  [word('литера|литер|лит\\.?'), ' лит '],
  [word('владение|вл\\.?'), ' вл '],
];

const HOUSE_PART =
  /^(?:(?:дом|д\.?)\s*)?\d+\s*[\p{L}]?(?:\s*[-/—–]\s*\d+\s*[\p{L}]?)?(?:\s*(?:к|корп|корпус|с|ст|стр|строение|лит|литер|литера|вл)\.?\s*[\p{L}\d]{1,4})*$/u;
const BUILDING_PART = /^(?:к|корп|корпус|с|ст|стр|строение|лит|литер|литера)\.?\s*[\p{L}\d]{1,4}$/u;
const ORDINAL = /^\d+(?:я|й|е|th|st|nd|rd)$/;

function isRegionPart(p: string): boolean {
  return REGION.test(p) || US_STATE_ZIP.test(p) || POSTAL.test(p) || p.replace(COUNTRY, '').trim() === '';
}

function splitParts(address: string): string[] {
  return foldText(address)
    .split(/[,;\n]/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p && !isRegionPart(p));
}

/** "2-я", "2-ая" → "2я"; "3-й", "3-ий" → "3й". */
function foldOrdinals(s: string): string {
  return s
    .replace(/(\d+)\s*-\s*(?:ая|я)(?![\p{L}])/gu, '$1я')
    .replace(/(\d+)\s*-\s*(?:ый|ий|ой|й)(?![\p{L}])/gu, '$1й');
}

function plainTokens(s: string): string[] {
  return s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function streetTokens(s: string, cityTokens: string[]): string[] {
  let t = foldOrdinals(s);
  for (const [re, to] of STREET_TYPES) t = t.replace(re, to);
  let words = plainTokens(t).filter((w) => !SETTLEMENT_WORDS.has(w));
  if (cityTokens.length) {
    const joined = ` ${words.join(' ')} `;
    const city = ` ${cityTokens.join(' ')} `;
    // "г. Москва ул. Никольская": the city is not part of the street; but
    // "деревня Новое Девяткино, 96а" is a street named as the village.
    const rest = plainTokens(joined.replace(city, ' '));
    if (joined.includes(city) && rest.length > 0) words = rest;
  }
  return words.sort();
}

function houseTokens(s: string): string[] {
  let t = s.replace(/(\d)(\p{L})/gu, '$1 $2').replace(/(\p{L})(\d)/gu, '$1 $2');
  for (const [re, to] of HOUSE_WORDS) t = t.replace(re, to);
  return plainTokens(t);
}

/** A part holding both street and house ("ул никольская д 25", "1000 4th ave"). */
function splitMixedPart(part: string, cityTokens: string[]): string[] {
  let t = foldOrdinals(part);
  for (const [re, to] of STREET_TYPES) t = t.replace(re, to);
  const words = plainTokens(t);
  const isNum = (w: string) => /^\d/.test(w) && !ORDINAL.test(w);
  if (words.length > 0 && isNum(words[0]!)) {
    // "1000 4th Ave": the number leads.
    return [...streetTokens(words.slice(1).join(' '), cityTokens), ...houseTokens(words[0]!)];
  }
  let i = words.findIndex(isNum);
  if (i < 0) return streetTokens(words.join(' '), cityTokens);
  if (i > 0 && (words[i - 1] === 'д' || words[i - 1] === 'дом')) i--;
  return [
    ...streetTokens(words.slice(0, i).join(' '), cityTokens),
    ...houseTokens(words.slice(i).join(' ')),
  ];
}

interface AddressSplit {
  /** Index of the street part (or of the mixed street+house part). */
  street: number;
  /** Index of a separate house part, or -1. */
  house: number;
}

function locateStreet(parts: string[]): AddressSplit | null {
  const withDigit = parts.findIndex((p) => /\d/.test(p) && !/^\d+\s*(?:-?\s*\d+\s*)?(?:этаж|эт)/.test(p));
  if (withDigit < 0) return null;
  const p = parts[withDigit]!;
  if (HOUSE_PART.test(p)) return withDigit > 0 ? { street: withDigit - 1, house: withDigit } : null;
  // "2-я Тверская-Ямская, 10": the part's only digits are an ordinal.
  const next = parts[withDigit + 1];
  const hasHouseNumber = plainTokens(foldOrdinals(p)).some((w) => /^\d/.test(w) && !ORDINAL.test(w));
  if (next !== undefined && HOUSE_PART.test(next) && !hasHouseNumber) {
    return { street: withDigit, house: withDigit + 1 };
  }
  return { street: withDigit, house: -1 };
}

/** The city key: folded, settlement prefix ("г.", "город", "д.") and postal codes dropped. */
export function cityKey(city: string | undefined): string | undefined {
  if (!city || typeof city !== 'string') return undefined;
  const t = foldText(city).replace(SETTLEMENT_PREFIX, ' ');
  const key = plainTokens(t)
    .filter((w) => !/^\d+$/.test(w))
    .join(' ');
  if (!key) return undefined;
  return Object.hasOwn(CITY_ALIASES, key) ? CITY_ALIASES[key]! : key;
}

/** The city an address names: the first part before the street that is not a region. */
export function cityFromAddress(address: string | undefined): string | undefined {
  if (!address || typeof address !== 'string') return undefined;
  const parts = splitParts(address);
  const loc = locateStreet(parts);
  if (!loc) return parts.length > 1 ? cityKey(parts[0]) : undefined;
  if (loc.street > 0) return cityKey(parts[0]);
  const inPart = CITY_IN_PART.exec(parts[loc.street]!);
  if (inPart) return cityKey(inPart[1]);
  // "1000 4th Ave, Seattle, WA 98104", "Stasandrou 10, Nicosia 1060": the city follows.
  const after = parts[Math.max(loc.street, loc.house) + 1];
  return after && !/\d{1,4}\s*(?:этаж|эт)/.test(after) ? cityKey(after) : undefined;
}

/**
 * The address key: street words (street type folded, `улица` dropped, order-free)
 * followed by the house tokens in order ("25", "3 5 с а", "7 к 3").
 * `city` (a city key) is removed from the street part when written into it.
 */
export function addressKey(address: string | undefined, city?: string): string | undefined {
  if (!address || typeof address !== 'string') return undefined;
  const parts = splitParts(address);
  if (parts.length === 0) return undefined;
  const cityTokens = city ? city.split(' ') : [];
  const loc = locateStreet(parts);
  let tokens: string[];
  if (!loc) {
    // No house number: the last part that is not the city.
    const last = parts[parts.length - 1]!;
    tokens = streetTokens(last, cityTokens);
  } else if (loc.house >= 0) {
    tokens = [...streetTokens(parts[loc.street]!, cityTokens), ...houseTokens(parts[loc.house]!)];
    // "…, 68, корп. 2": building parts after the house.
    for (let i = loc.house + 1; i < parts.length && BUILDING_PART.test(parts[i]!); i++) {
      tokens.push(...houseTokens(parts[i]!));
    }
  } else {
    tokens = splitMixedPart(parts[loc.street]!, cityTokens);
    for (let i = loc.street + 1; i < parts.length && BUILDING_PART.test(parts[i]!); i++) {
      tokens.push(...houseTokens(parts[i]!));
    }
  }
  const key = tokens.join(' ');
  return key || undefined;
}
