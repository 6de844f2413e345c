import type { ListingData } from '../model/listing';
import type { LookupResult, MatchKind } from '../model/lookup';
import type { Outcome, Status } from '../model/outcome';
import { dateTime, longDate, shortDate } from './format';
import { catalogueVersion, plural, t, type MessageKey } from './i18n';

/**
 * What a badge shows, as plain data: a pure function of the lookup result, so
 * it is unit-tested without a DOM and the badge's DOM code stays trivial.
 */
export interface BadgeView {
  status: Status;
  match: MatchKind;
  /** Short visible label: "refused", "call back 12.03". */
  label: string;
  /** A call-back's short date ("12.03"): what a compact badge keeps of its label. */
  date?: string;
  icon: string;
  /** "?" for a likely match, "2?" for several candidates, "" otherwise. */
  qualifier: string;
  stale: boolean;
  /** The page shows data the base does not have (a new phone, address…). */
  changed: boolean;
  /** "Callmark: refused — дорого". */
  ariaLabel: string;
}

/** A status shown before the background confirms it (optimistic update after a click). */
export interface PendingStatus {
  status: Outcome;
  reason?: string;
  callbackAt?: string;
}

export const STATUS_ICON: Record<Status, string> = {
  new: '+',
  no_answer: '…',
  callback: '↻',
  interested: '★',
  client: '✓',
  refused: '✕',
  not_user: '∅',
  closed: '⊘',
  wrong_number: '#',
  do_not_call: '⊗', // in every common font, unlike the emoji
};

export function outcomeLabel(outcome: Outcome): string {
  return t(`outcome_${outcome}` as MessageKey);
}

const DIFF_KEY = { phone: 'badge_diffPhone', address: 'badge_diffAddress', website: 'badge_diffWebsite', name: 'badge_diffName' } as const;

/** A message without substitutions never changes while the page lives: ask the browser once. */
const cache = new Map<string, string>();
let cachedVersion = -1;
function tc(key: MessageKey): string {
  if (cachedVersion !== catalogueVersion()) {
    cache.clear();
    cachedVersion = catalogueVersion();
  }
  let text = cache.get(key);
  if (text === undefined) cache.set(key, (text = t(key)));
  return text;
}

/** What a badge needs to draw itself; details for the tooltip come separately (badgeDetails), on hover only. */
export function badgeView(_data: ListingData, result: LookupResult | undefined, locale: string, pending?: PendingStatus): BadgeView {
  const company = result?.company;
  // A call being logged goes to one company (the chosen one, or a new one).
  const match: MatchKind = pending ? 'exact' : (result?.match ?? 'none');
  const status: Status = pending?.status ?? company?.status ?? 'new';
  const reason = pending ? pending.reason : company?.statusReason;
  const callbackAt = pending ? pending.callbackAt : company?.callbackAt;
  const date = status === 'callback' && callbackAt ? shortDate(callbackAt, locale) : undefined;
  const label = date ? t('status_callbackOn', date) : tc(`status_${status}` as MessageKey);
  const candidates = result?.candidates ?? [];
  const qualifier = match === 'several' ? `${Math.max(candidates.length, 2)}?` : match === 'likely' ? '?' : '';
  const stale = !pending && !!company?.stale;
  const best = candidates[0];
  const changed = match !== 'none' && !!best && best.differences.length > 0;

  let ariaLabel = `${tc('extName')}: ${label}${reason ? ` — ${reason}` : ''}`;
  if (match === 'likely') ariaLabel += `, ${tc('badge_likely')}`;
  if (match === 'several') ariaLabel += `, ${t('badge_several', candidates.length)}`;
  if (stale) ariaLabel += `, ${tc('badge_stale')}`;
  if (changed) ariaLabel += `, ${tc('badge_changed')}`;
  const view: BadgeView = { status, match, label, icon: STATUS_ICON[status], qualifier, stale, changed, ariaLabel };
  if (date) view.date = date;
  return view;
}

/** The tooltip's lines: [label, value]; a line with an empty label is a plain sentence. */
export function badgeDetails(data: ListingData, result: LookupResult | undefined, locale: string, pending?: PendingStatus): Array<[string, string]> {
  const company = result?.company;
  const match = result?.match ?? 'none';
  const candidates = result?.candidates ?? [];
  const differences = match !== 'none' && candidates[0] ? candidates[0].differences : [];
  const stale = !pending && !!company?.stale;
  const details: Array<[string, string]> = [];
  if (pending) details.push([t('badge_saving'), outcomeLabel(pending.status)]);
  if (!company || match === 'none') {
    details.push(['', t('badge_notInBase')]);
    return details;
  }
  if (match !== 'exact' || company.name !== data.name) details.push([t('badge_inBaseAs'), company.name]);
  if (match === 'likely') details.push(['', t('badge_likelyHint')]);
  if (match === 'several') details.push([t('badge_candidates'), candidates.map((c) => c.name).join('; ')]);
  const last = company.lastCall;
  if (last) {
    details.push([t('badge_lastCall'), `${dateTime(last.at, locale)} — ${outcomeLabel(last.outcome)}`]);
    if (last.reason) details.push([t('badge_reason'), last.reason]);
    if (last.note) details.push([t('badge_note'), last.note]);
    if (last.manager) details.push([t('badge_manager'), last.manager]);
  } else if (company.callCount === 0) {
    details.push(['', t('badge_noCalls')]);
  }
  if (company.statusReason && company.statusReason !== last?.reason) details.push([t('badge_reason'), company.statusReason]);
  if (company.status === 'callback' && company.callbackAt) details.push([t('badge_callbackAt'), dateTime(company.callbackAt, locale)]);
  if (company.callCount > 0) details.push([t('badge_calls'), plural('count_calls', company.callCount)]);
  if (stale) details.push(['', company.confirmedAt ? t('badge_staleSince', longDate(company.confirmedAt, locale)) : t('badge_stale')]);
  if (differences.length) details.push([t('badge_differs'), differences.map((d) => t(DIFF_KEY[d])).join(', ')]);
  return details;
}
