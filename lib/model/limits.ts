/**
 * The one place for the size of every field a directory page, a form or an
 * import can fill. The listing sanitiser (lib/detect/sanitize.ts), the listing
 * and company schemas, the protocol's CompanyEdit, the call schema and the
 * popup's form all read these, so what a page supplies always fits what the
 * base stores. No zod here: the content script imports this module.
 */
export const LIMITS = {
  /** Adapter id (`2gis`, `yandex`…) or `manual`/`import`. */
  directory: 64,
  name: 500,
  address: 1000,
  city: 200,
  /** A directory's category/rubric text, and the industry it becomes (Company.industry, Company.rubric). */
  category: 200,
  /** How many rubrics of a "Кафе, Бар, Ресторан…" list a listing keeps. */
  rubrics: 3,
  /** Phones of one listing or company (count). */
  phones: 50,
  /** One phone as a page or a user writes it. */
  phoneText: 100,
  /** One stored phone: E.164 with `;ext=…`. */
  phoneEntry: 40,
  website: 4096,
  url: 4096,
  /** Website host (DNS limit). */
  domain: 253,
  /** The directory's own id of a listing. */
  siteId: 256,
  /** Raw INN/OGRN text as a page shows it (digits are checked later). */
  inn: 20,
  ogrn: 20,
  reason: 500,
  note: 10_000,
  manager: 200,
  personName: 200,
  role: 200,
  email: 320,
  /** Listings a company remembers being seen as (sources, siteKeys). */
  sources: 200,
  decisionMakers: 100,
} as const;

/** `directory:siteId`. */
export const SITE_KEY_LIMIT = LIMITS.directory + 1 + LIMITS.siteId;

const ELLIPSIS = '…';
/** Whitespace of every kind, no-break and zero-width spaces included. */
const SPACE = /[\s\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]+/g;

/** Whitespace collapsed to single spaces, trimmed; undefined for anything that is not text or is empty. */
export function collapseSpace(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(SPACE, ' ').trim();
  return text || undefined;
}

/** Never end a cut between the two halves of a surrogate pair. */
function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

/**
 * Text within `max` characters: whitespace collapsed; a longer text is cut at
 * the last word boundary that keeps most of it, trailing punctuation dropped,
 * and "…" added (the result, "…" included, is at most `max` long).
 */
export function cutText(value: unknown, max: number): string | undefined {
  const text = collapseSpace(value);
  if (!text || text.length <= max) return text;
  const head = safeSlice(text, max - ELLIPSIS.length);
  // The head may end exactly at a word's end; else go back to the last space.
  const boundary = text[head.length] === ' ' ? head.length : head.lastIndexOf(' ');
  // A boundary too far back would throw most of the text away: cut mid-word then.
  const cut = boundary >= head.length * 0.6 ? head.slice(0, boundary) : head;
  const clean = cut.replace(/[\s,;:.\-–—/|•·(]+$/u, '');
  return `${clean || cut}${ELLIPSIS}`;
}

/** Identifiers (URLs, ids): whitespace collapsed, and dropped rather than cut when too long (a cut id is a wrong id). */
export function boundedId(value: unknown, max: number): string | undefined {
  const text = collapseSpace(value);
  return text && text.length <= max ? text : undefined;
}

/** A URL within the limit: as it is, else without its query and fragment, else none. */
export function boundedUrl(value: unknown, max: number = LIMITS.url): string | undefined {
  const text = boundedId(typeof value === 'string' ? value.trim() : value, Number.MAX_SAFE_INTEGER);
  if (!text) return undefined;
  if (text.length <= max) return text;
  const short = text.replace(/[?#].*$/s, '');
  return short.length <= max ? short : undefined;
}

/**
 * A directory's category. A list of rubrics ("Автомойка, Шиномонтаж,
 * Автосервис, …", or with • or · between them) keeps its first few distinct
 * rubrics; the result fits LIMITS.category.
 */
export function cleanCategory(value: unknown): string | undefined {
  const text = collapseSpace(value);
  if (!text) return undefined;
  const parts = text
    .split(/\s*[,•·]\s*/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const rubrics: string[] = [];
  for (const part of parts) {
    if (!rubrics.some((r) => r.toLowerCase() === part.toLowerCase())) rubrics.push(part);
    if (rubrics.length === LIMITS.rubrics) break;
  }
  return cutText(rubrics.length > 1 ? rubrics.join(', ') : text, LIMITS.category);
}

/** Phone texts: each bounded, empty ones dropped, duplicates (same digits) dropped, at most LIMITS.phones. */
export function cleanPhones(values: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(values)) return out;
  for (const raw of values) {
    const phone = cutText(raw, LIMITS.phoneText);
    if (!phone) continue;
    const key = phone.replace(/[^\d+]/g, '') || phone;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phone);
    if (out.length === LIMITS.phones) break;
  }
  return out;
}
