/**
 * Errors in words. The one mapping from validation issues (zod's) to text that
 * names the field ("Industry: at most 200 characters" / "Отрасль: не более
 * 200 символов"), the catalogue message of every error code, and the last
 * guard before the screen: whatever reaches the UI is words from the
 * catalogues, never an issue list, a stack or JSON.
 *
 * No runtime zod here (issues are read by shape), so the content script that
 * shows the call menu's errors stays small.
 */
import { t, type MessageKey } from '../ui/i18n';
import { ERROR_CODES, type ErrorCode } from './codes';

export { ERROR_CODES, type ErrorCode };
/** Every code a caller can see: the background's, and "the background did not answer". */
export type ShownErrorCode = ErrorCode | 'no_answer';
export const SHOWN_ERROR_CODES: readonly ShownErrorCode[] = [...ERROR_CODES, 'no_answer'];

export const ERROR_MESSAGES: Record<ShownErrorCode, MessageKey> = {
  bad_request: 'err_code_bad_request',
  forbidden: 'err_code_forbidden',
  not_found: 'err_code_not_found',
  invalid: 'err_code_invalid',
  storage_full: 'err_code_storage_full',
  storage_unavailable: 'err_code_storage_unavailable',
  upgrade_failed: 'err_code_upgrade_failed',
  internal: 'err_code_internal',
  no_answer: 'err_code_no_answer',
};

/** The catalogue message of an error code (an unknown code reads as internal). */
export function codeMessage(code: string): string {
  return t(ERROR_MESSAGES[code as ShownErrorCode] ?? ERROR_MESSAGES.internal);
}

/** Field names in words, by the schema key (the last named segment of an issue's path). */
export const FIELD_LABELS: Record<string, MessageKey> = {
  type: 'field_type',
  payload: 'field_request',
  directory: 'field_directory',
  name: 'field_name',
  nameKey: 'field_nameKey',
  phones: 'field_phones',
  phoneKeys: 'field_phoneKeys',
  phone: 'field_phone',
  website: 'field_website',
  domain: 'field_domain',
  address: 'field_address',
  city: 'field_city',
  category: 'field_category',
  rubric: 'field_rubric',
  industry: 'field_industry',
  inn: 'field_inn',
  ogrn: 'field_ogrn',
  url: 'field_url',
  pageUrl: 'field_pageUrl',
  siteId: 'field_siteId',
  siteKeys: 'field_siteKeys',
  sources: 'field_sources',
  country: 'field_country',
  listing: 'field_listing',
  listings: 'field_listings',
  company: 'field_company',
  companyId: 'field_companyId',
  call: 'field_call',
  callId: 'field_callId',
  id: 'field_id',
  outcome: 'field_outcome',
  reason: 'field_reason',
  statusReason: 'field_statusReason',
  note: 'field_note',
  callbackAt: 'field_callbackAt',
  at: 'field_at',
  firstSeen: 'field_at',
  lastSeen: 'field_at',
  createdAt: 'field_at',
  updatedAt: 'field_at',
  confirmedAt: 'field_at',
  lastCallAt: 'field_at',
  manager: 'field_manager',
  decisionMakers: 'field_decisionMakers',
  email: 'field_email',
  role: 'field_dmRole',
  query: 'field_query',
  limit: 'field_limit',
  status: 'field_status',
  lastOutcome: 'field_outcome',
  managerName: 'field_managerName',
  defaultCountry: 'field_defaultCountry',
  staleAfterDays: 'field_staleAfterDays',
  refusalReasons: 'field_refusalReasons',
  industries: 'field_industries',
  disabledSites: 'field_disabledSites',
  extraSites: 'field_extraSites',
  deleted: 'field_company',
  calls: 'field_calls',
  reminders: 'field_reminders',
  dueAt: 'field_at',
  notifiedAt: 'field_at',
  statusAt: 'field_at',
  keepId: 'field_company',
  otherId: 'field_company',
  a: 'field_company',
  b: 'field_company',
  picks: 'field_mergePicks',
};

/** A decision maker's own fields read "Decision maker's name", not "Name". */
const DECISION_MAKER_LABELS: Record<string, MessageKey> = {
  name: 'field_dmName',
  role: 'field_dmRole',
  phone: 'field_dmPhone',
};

/** The part of a validation issue this mapping reads (zod 4's issue shape). */
export interface IssueLike {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  message?: string;
  origin?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  expected?: string;
  input?: unknown;
  format?: string;
  keys?: readonly string[];
}

export function fieldLabel(path: ReadonlyArray<PropertyKey> = []): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  const last = named[named.length - 1];
  if (last === undefined) return t('field_request');
  if (named[named.length - 2] === 'decisionMakers' && DECISION_MAKER_LABELS[last]) return t(DECISION_MAKER_LABELS[last]);
  const key = FIELD_LABELS[last];
  return key ? t(key) : t('field_unknown');
}

const isCatalogueKey = (s: string | undefined): s is MessageKey => !!s && /^err_[A-Za-z_]+$/.test(s);

/** One issue in words: "<Field>: <what is wrong>". */
export function issueText(issue: IssueLike): string {
  const field = fieldLabel(issue.path);
  const n = (v: number | bigint | undefined) => String(v ?? '');
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return t('err_issue_tooLong', field, n(issue.maximum));
      if (issue.origin === 'array' || issue.origin === 'set') return t('err_issue_tooMany', field, n(issue.maximum));
      return t('err_issue_tooBig', field, n(issue.maximum));
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('err_issue_empty', field) : t('err_issue_tooShort', field, n(issue.minimum));
      }
      if (issue.origin === 'array' || issue.origin === 'set') return t('err_issue_tooFew', field, n(issue.minimum));
      return t('err_issue_tooSmall', field, n(issue.minimum));
    case 'invalid_type':
      // The input is there when the parse reported it (the router does); else zod's message says so.
      if (('input' in issue && issue.input === undefined) || /received undefined/.test(issue.message ?? '')) return t('err_issue_missing', field);
      if (issue.expected === 'int') return t('err_issue_notInteger', field);
      return t('err_issue_wrongType', field);
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return t('err_issue_badId', field);
      if (issue.format === 'datetime' || issue.format === 'date' || issue.format === 'time') return t('err_issue_badDate', field);
      if (issue.format === 'email') return t('err_issue_badEmail', field);
      return t('err_issue_badFormat', field);
    case 'invalid_value': {
      if ('input' in issue && issue.input === undefined) return t('err_issue_missing', field);
      const last = issue.path?.[issue.path.length - 1];
      return last === 'outcome' || last === 'lastOutcome' ? t('err_issue_badOutcome', field) : t('err_issue_badValue', field);
    }
    case 'unrecognized_keys':
      return t('err_issue_unknownField', issue.keys?.length ? issue.keys.map((k) => FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k).join(', ') : field);
    case 'custom':
      // A refinement's message is a catalogue key (protocol.ts writes them so).
      if (isCatalogueKey(issue.message)) return t(issue.message);
      return t('err_issue_badValue', field);
    default:
      return t('err_issue_badValue', field);
  }
}

const SHOWN_ISSUES = 3;

/** All of a validation's issues in words: the first few, each once, and how many more there are. */
export function issuesText(issues: readonly IssueLike[]): string {
  const texts = [...new Set(issues.map(issueText))];
  if (texts.length === 0) return codeMessage('invalid');
  const shown = texts.slice(0, SHOWN_ISSUES).join('; ');
  const more = texts.length - SHOWN_ISSUES;
  return `${more > 0 ? `${shown}; ${t('err_issue_more', more)}` : shown}.`;
}

/** A zod (or zod-like) validation error, told by its shape so this module needs no zod. */
export function validationIssues(error: unknown): IssueLike[] | null {
  if (!error || typeof error !== 'object') return null;
  const issues = (error as { issues?: unknown }).issues;
  const named = (error as { name?: unknown }).name;
  if (!Array.isArray(issues) || (named !== 'ZodError' && named !== '$ZodError')) return null;
  return issues as IssueLike[];
}

/**
 * Text that must never be shown: JSON or an issue list (`{`, `[`, `"code"`),
 * a stack trace, or nothing.
 */
export function looksRaw(text: string): boolean {
  return !text.trim() || /[{}[\]]|"code"|\n\s*at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)|\w+Error:/.test(text);
}

/** A message fit for the screen: itself when it is words, else the catalogue message of its code. */
export function safeText(message: string, code: string = 'internal'): string {
  return looksRaw(message) ? codeMessage(code) : message;
}

/**
 * What the UI shows for any error: a failed request's message when it is
 * words (the router writes catalogue text), else its code's catalogue message;
 * a validation error in words; anything else, the generic message.
 */
export function displayError(error: unknown): string {
  const issues = validationIssues(error);
  if (issues) return issuesText(issues);
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    const { code, message } = error as { code: string; message?: unknown };
    if (code === 'no_answer') return codeMessage('no_answer');
    if ((SHOWN_ERROR_CODES as readonly string[]).includes(code)) return safeText(typeof message === 'string' ? message : '', code);
  }
  if (error instanceof Error) return safeText(error.message);
  if (typeof error === 'string') return safeText(error);
  return codeMessage('internal');
}
