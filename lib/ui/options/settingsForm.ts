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
  requireRefusalReason: boolean;
  industries: string[];
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
    requireRefusalReason: s.requireRefusalReason,
    industries: [...s.industries],
  };
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
    requireRefusalReason: draft.requireRefusalReason,
    industries,
  });
  if (!parsed.success) {
    // In words, naming the field (lib/messages/errors.ts), never zod's own text.
    return { settings: null, errors: { form: { key: 'options_errInvalid', args: [issuesText(parsed.error.issues)] } } };
  }
  return { settings: parsed.data, errors: null };
}
