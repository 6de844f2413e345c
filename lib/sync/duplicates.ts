import { splitPhoneEntry } from '../match/phone';
import type { CompanyFields, FieldEdits } from './changes';

/**
 * The keys that make two companies the same one, whoever created them: the
 * same directory listing (site id), the same INN, or the same phone. When two
 * managers created one company offline, the server merges the newer into the
 * one it already had (a merge change, synced like any other).
 */
export function duplicateKeys(fields: Partial<CompanyFields> | FieldEdits): string[] {
  const keys = new Set<string>();
  for (const siteKey of fields.siteKeys ?? []) keys.add(`site:${siteKey}`);
  if (fields.inn) keys.add(`inn:${fields.inn}`);
  for (const phone of fields.phones ?? []) keys.add(`phone:${splitPhoneEntry(phone).e164}`);
  return [...keys];
}
