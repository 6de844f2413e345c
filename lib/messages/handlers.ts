import type { CountryCode } from 'libphonenumber-js';
import { domainOf } from '../match/domain';
import { isValidInn } from '../match/inn';
import { displayName, nameKey } from '../match/name';
import { normalizePhone, parsePhone, phoneEntry } from '../match/phone';
import { Company, type Settings } from '../model';
import { callsOf, logCall, undoCall } from '../store/calls';
import { lookupListings, searchCompanies, toView } from '../store/companies';
import type { Db } from '../store/schema';
import { withDerivedKeys } from '../store/keys';
import { SYNC_STORES, recordLocal } from '../store/sync-log';
import { fieldEdits } from '../sync/local';
import { t } from '../ui/i18n';
import { HandlerError, type Handlers } from './router';
import type { TeamRequest } from './protocol';
import { noTeamHandlers } from '../sync/handlers';

export interface HandlerDeps {
  db: () => Promise<Db>;
  settings: () => Promise<Settings>;
  /** Tells every tab that these companies changed. */
  announce: (companyIds: string[]) => Promise<void>;
  /** Schedules or cancels the call-back alarm of a call. */
  scheduleReminder?: (callId: string, dueAt: string | undefined) => Promise<void>;
  now?: () => Date;
  /** The Team section's messages (lib/sync/handlers.ts); without them, the device is in no team. */
  team?: Pick<Handlers, TeamRequest>;
}

/** A call-back must lie ahead; a minute's grace covers a slow click on "in 2 hours". */
const PAST_GRACE_MS = 60_000;

export function createHandlers(deps: HandlerDeps): Handlers {
  const now = () => deps.now?.() ?? new Date();
  const country = (s: Settings) => s.defaultCountry as CountryCode;
  const lastCallOf = async (db: Db, companyId: string) => (await callsOf(db, companyId))[0];

  return {
    ...(deps.team ?? noTeamHandlers),
    async lookup({ listings }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      return lookupListings(db, listings, { defaultCountry: country(settings), staleAfterDays: settings.staleAfterDays, now: now() });
    },

    async logCall({ callId, companyId, listing, call, pageUrl }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      if (call.outcome === 'callback') {
        if (!call.callbackAt) throw new HandlerError('invalid', t('err_callbackMissing'));
        if (Date.parse(call.callbackAt) < now().getTime() - PAST_GRACE_MS) throw new HandlerError('invalid', t('err_callbackPast'));
      }
      if (call.outcome === 'refused' && settings.requireRefusalReason && !call.reason?.trim()) {
        throw new HandlerError('invalid', t('err_reasonMissing'));
      }
      let phone: string | undefined;
      if (call.phone?.trim()) {
        phone = normalizePhone(call.phone, country(settings)) ?? undefined;
        if (!phone) throw new HandlerError('invalid', t('err_notPhone', call.phone));
      }
      const saved = await logCall(
        db,
        { companyId, listing },
        { ...call, id: callId, phone, manager: settings.managerName, pageUrl: pageUrl ?? listing?.url, at: now().toISOString() },
        country(settings),
      );
      await deps.scheduleReminder?.(saved.call.id, saved.call.callbackAt);
      await deps.announce([saved.company.id]);
      return { call: saved.call, company: toView(saved.company, saved.call, settings.staleAfterDays, now()) };
    },

    async undoCall({ callId }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      const company = await undoCall(db, callId);
      await deps.scheduleReminder?.(callId, undefined);
      await deps.announce([company.id]);
      return { company: toView(company, await lastCallOf(db, company.id), settings.staleAfterDays, now()) };
    },

    async getCompany({ id }) {
      const db = await deps.db();
      const company = await db.get('companies', id);
      if (!company) throw new HandlerError('not_found', t('err_noCompany'));
      return { company, calls: await callsOf(db, id) };
    },

    async saveCompany({ company: edit }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      // E.164, with the extension kept (`+74957083112;ext=12`): the popup shows and sends it back as "доб. 12".
      const normalise = (raw: string) => {
        const parsed = parsePhone(raw, country(settings));
        if (!parsed) throw new HandlerError('invalid', t('err_notPhone', raw));
        return phoneEntry(parsed);
      };
      const phones = [...new Set(edit.phones.filter((p) => p.trim()).map(normalise))];
      const inn = edit.inn?.trim() || undefined;
      if (inn && !isValidInn(inn)) throw new HandlerError('invalid', t('err_badInn', inn));
      const website = edit.website?.trim();
      const domain = website ? domainOf(website) : null;
      if (website && !domain) throw new HandlerError('invalid', t('err_notWebsite', website));
      const decisionMakers = edit.decisionMakers
        .filter((d) => d.name.trim() || d.phone?.trim() || d.email?.trim())
        .map((d) => ({ ...d, phone: d.phone?.trim() ? normalise(d.phone) : undefined, email: d.email?.trim() || undefined }));

      const tx = db.transaction(['companies', ...SYNC_STORES], 'readwrite');
      const current = await tx.objectStore('companies').get(edit.id);
      if (!current) throw new HandlerError('not_found', t('err_noCompany'));
      const updated = Company.parse(withDerivedKeys({
        ...current,
        name: displayName(edit.name),
        nameKey: nameKey(edit.name),
        phones,
        inn,
        domain: domain ?? undefined,
        address: edit.address?.trim() || undefined,
        city: edit.city?.trim() || undefined,
        industry: edit.industry?.trim() || undefined,
        note: edit.note ?? current.note,
          decisionMakers,
          updatedAt: now().toISOString(),
        }),
      );
      await tx.objectStore('companies').put(updated);
      await recordLocal(tx, 1, (clocks) => {
        const edit = fieldEdits(current, updated, clocks[0]!);
        return edit ? [edit] : [];
      });
      await tx.done;
      await deps.announce([updated.id]);
      return { company: updated };
    },

    async search({ query, limit }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      return searchCompanies(db, query, country(settings), limit);
    },

    async dueCallbacks() {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      // Due and overdue, plus the next day's, soonest first.
      const horizon = new Date(now().getTime() + 86_400_000).toISOString();
      const companies = await db.getAllFromIndex('companies', 'callbackAt', IDBKeyRange.upperBound(horizon));
      const items = [];
      for (const company of companies) {
        if (company.status !== 'callback' || !company.callbackAt) continue;
        const last = (await callsOf(db, company.id)).find((c) => c.outcome === 'callback');
        if (!last) continue;
        items.push({
          callId: last.id,
          dueAt: company.callbackAt,
          company: toView(company, last, settings.staleAfterDays, now()),
          note: last.note,
          pageUrl: last.pageUrl,
        });
      }
      return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
  };
}
