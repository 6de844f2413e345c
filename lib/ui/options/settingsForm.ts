/**
 * The options page's settings section as plain data: a draft the inputs edit
 * (numbers still as typed), its checks, and the Settings it becomes. Pure, for
 * the unit tests.
 */
import { issuesText } from '../../messages/errors';
import { LIMITS } from '../../model/limits';
import { Settings } from '../../model/settings';
import type { MessageKey } from '../i18n';

export interface SettingsDraft {
  managerName: string;
  defaultCountry: string;
  /** As typed. */
  staleAfterDays: string;
  refusalReasons: string[];
  /**
   * Each reason row's name as saved (undefined: a row added here): a row whose
   * text changed is a rename, and old calls follow it (settings.reasonAliases).
   */
  reasonOrigins?: Array<string | undefined>;
  requireRefusalReason: boolean;
  industries: string[];
  language: Settings['language'];
  badgeSize: Settings['badgeSize'];
}

export interface DraftError {
  key: MessageKey;
  args?: string[];
}

/** Field → error; list items as `refusalReasons.<i>` / `industries.<i>`. */
export type DraftErrors = Record<string, DraftError>;

export function draftFrom(s: Settings): SettingsDraft {
  return {
    managerName: s.managerName,
    defaultCountry: s.defaultCountry,
    staleAfterDays: String(s.staleAfterDays),
    refusalReasons: [...s.refusalReasons],
    reasonOrigins: [...s.refusalReasons],
    requireRefusalReason: s.requireRefusalReason,
    industries: [...s.industries],
    language: s.language,
    badgeSize: s.badgeSize,
  };
}

/**
 * The reasons' bookkeeping after an edit of the list: renames (a row whose
 * text changed) become aliases, so old calls show and count under the new
 * name; a reason that left the list without a rename is retired (out of the
 * menu, still in reports); one back in the list is no longer retired.
 */
export function reasonChanges(
  draft: Pick<SettingsDraft, 'refusalReasons' | 'reasonOrigins'>,
  active: readonly string[],
  current: Pick<Settings, 'refusalReasons' | 'retiredReasons' | 'reasonAliases'>,
): { retiredReasons: string[]; reasonAliases: Record<string, string> } {
  const aliases: Record<string, string> = { ...current.reasonAliases };
  const live = new Set(active);
  const wasActive = new Set(current.refusalReasons);
  const renamedAway = new Set<string>();
  draft.refusalReasons.forEach((raw, i) => {
    const text = raw.trim();
    const was = draft.reasonOrigins?.[i];
    // A rename: a saved reason's row now reads otherwise, the old name is nowhere in the
    // list any more, and the new one was not a reason already (that would be two rows).
    if (!text || !was || was === text || live.has(was) || !wasActive.has(was) || current.refusalReasons.includes(text)) return;
    for (const [k, v] of Object.entries(aliases)) if (v === was) aliases[k] = text;
    aliases[was] = text;
    renamedAway.add(was);
  });
  for (const name of live) delete aliases[name]; // a live name is itself
  const retired = new Set([...current.retiredReasons, ...current.refusalReasons]);
  for (const name of [...live, ...renamedAway]) retired.delete(name);
  return { retiredReasons: [...retired], reasonAliases: aliases };
}

function checkList(field: 'refusalReasons' | 'industries', items: string[], max: number, errors: DraftErrors): string[] {
  const seen = new Map<string, number>();
  const kept: string[] = [];
  items.forEach((raw, i) => {
    const item = raw.trim();
    if (!item) return; // an empty row is just not there
    if (item.length > 200) {
      errors[`${field}.${i}`] = { key: 'options_errItemTooLong', args: ['200'] };
      return;
    }
    const folded = item.toLocaleLowerCase().replace(/ё/g, 'е');
    if (seen.has(folded)) {
      errors[`${field}.${i}`] = { key: 'options_errDuplicate', args: [item] };
      return;
    }
    seen.set(folded, i);
    kept.push(item);
  });
  if (kept.length > max) errors[field] = { key: 'options_errTooMany', args: [String(max)] };
  return kept;
}

/**
 * The settings the draft stands for, or the errors that stop it from being
 * saved. Fields the page does not edit (switches, sites) keep `current`'s values.
 */
export function settingsFromDraft(draft: SettingsDraft, current: Settings): { settings: Settings; errors: null } | { settings: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const managerName = draft.managerName.trim();
  if (managerName.length > LIMITS.manager) errors.managerName = { key: 'options_errTooLong', args: [String(LIMITS.manager)] };

  if (!/^[A-Z]{2}$/.test(draft.defaultCountry)) errors.defaultCountry = { key: 'options_errCountry' };

  const daysText = draft.staleAfterDays.trim();
  const days = Number(daysText);
  if (!/^\d+$/.test(daysText) || !Number.isInteger(days) || days < 1 || days > 3650) {
    errors.staleAfterDays = { key: 'options_errDays', args: ['1', '3650'] };
  }

  const refusalReasons = checkList('refusalReasons', draft.refusalReasons, 100, errors);
  const industries = checkList('industries', draft.industries, 500, errors);
  if (draft.requireRefusalReason && refusalReasons.length === 0) {
    // Typed reasons still work, but an empty list with "require" on is almost surely a slip.
    errors.refusalReasons = { key: 'options_errNoReasons' };
  }

  if (Object.keys(errors).length) return { settings: null, errors };

  const parsed = Settings.safeParse({
    ...current,
    managerName,
    defaultCountry: draft.defaultCountry,
    staleAfterDays: days,
    refusalReasons,
    ...reasonChanges(draft, refusalReasons, current),
    requireRefusalReason: draft.requireRefusalReason,
    industries,
    language: draft.language,
    badgeSize: draft.badgeSize,
  });
  if (!parsed.success) {
    // In words, naming the field (lib/messages/errors.ts), never zod's own text.
    return { settings: null, errors: { form: { key: 'options_errInvalid', args: [issuesText(parsed.error.issues)] } } };
  }
  return { settings: parsed.data, errors: null };
}
