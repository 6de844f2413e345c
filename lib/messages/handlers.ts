import type { CountryCode } from 'libphonenumber-js';
import { normalizePhone } from '../match/phone';
import type { CompanyView, LookupResult, Settings } from '../model';
import { currentReason } from '../model/settings';
import { industryOfRubric } from '../model/industry';
import { callsOf, logCall, restoreCall, undoCall } from '../store/calls';
import { lookupListings, searchCompanies, toView } from '../store/companies';
import type { Db } from '../store/schema';
import { deleteCompany, markNotDuplicate, mergeCompanies, restoreCompany, updateCompany } from '../store/edit';
import { t, type Catalogue, type Language } from '../ui/i18n';
import { HandlerError, type Handlers } from './router';
import type { ParsedRequestOf, TeamRequest } from './protocol';
import { codeMessage } from './errors';
import { storageProblemOf, type PendingCall, type PendingCalls } from '../store/pending';
import { noTeamHandlers } from '../sync/handlers';
import { collectListings } from '../io/collect';
import type { CollectModes } from '../io/collect-mode';
import type { Browser } from 'wxt/browser';

export interface HandlerDeps {
  db: () => Promise<Db>;
  settings: () => Promise<Settings>;
  /** Tells every tab that these companies changed. */
  announce: (companyIds: string[]) => Promise<void>;
  /** Schedules or cancels the call-back alarm of a call. */
  scheduleReminder?: (callId: string, dueAt: string | undefined) => Promise<void>;
  /** Shows missed reminders and arms future ones (after a restore wrote them). */
  catchUpReminders?: (db: Db) => Promise<void>;
  now?: () => Date;
  /** Collect mode per tab (lib/io/collect-mode.ts); without it, no tab is ever in collect mode. */
  collectModes?: CollectModes;
  /** Our own catalogue of a language (lib/ui/catalogue.ts); without it, the browser's language only. */
  catalogue?: (language: Language) => Promise<Catalogue>;
  /** The Team section's messages (lib/sync/handlers.ts); without them, the device is in no team. */
  team?: Pick<Handlers, TeamRequest>;
  /** Where calls wait while the base cannot take writes (lib/store/pending.ts); without it, such a call is refused. */
  pending?: PendingCalls<KeptCall>;
  /** A call was kept aside: the background arms a retry. */
  onKept?: () => Promise<void>;
}

/** A call kept aside: the request, and what it was given when the user logged it. */
export interface KeptCall extends PendingCall<ParsedRequestOf<'logCall'>> {
  manager: string;
  phone?: string;
  pageUrl?: string;
}

/** What the user reads when a call was kept aside, by the problem. */
const KEPT_MESSAGES = {
  storage_full: 'err_kept_storage_full',
  storage_unavailable: 'err_kept_storage_unavailable',
  upgrade_failed: 'err_kept_upgrade_failed',
} as const;

/** A call-back must lie ahead; a minute's grace covers a slow click on "in 2 hours". */
const PAST_GRACE_MS = 60_000;

/** The user's rubric → industry mapping as a function. */
export const industryMapper = (settings: Settings) => (rubric: string | undefined) =>
  industryOfRubric(rubric, settings.rubricIndustries, settings.industries);

/** A content script in a web page (not one of the extension's own pages, which may sit in a tab too). */
const pageTabOf = (sender: Browser.runtime.MessageSender): number | undefined =>
  sender.tab?.id !== undefined && /^https?:/i.test(sender.url ?? '') ? sender.tab.id : undefined;

const OFF = { on: false, added: 0 };
/** A company as badges show it, its reasons under their current names (a renamed reason follows on old calls). */
export function followRenames<V extends CompanyView | undefined>(view: V, aliases: Readonly<Record<string, string>>): V {
  if (!view || Object.keys(aliases).length === 0) return view;
  const reason = (r: string | undefined) => (r === undefined ? r : currentReason(r, aliases));
  return { ...view, statusReason: reason(view.statusReason), lastCall: view.lastCall && { ...view.lastCall, reason: reason(view.lastCall.reason) } };
}
const followAll = (results: LookupResult[], aliases: Readonly<Record<string, string>>) =>
  Object.keys(aliases).length === 0 ? results : results.map((r) => (r.company ? { ...r, company: followRenames(r.company, aliases) } : r));

export function createHandlers(deps: HandlerDeps): Handlers {
  const now = () => deps.now?.() ?? new Date();
  const country = (s: Settings) => s.defaultCountry as CountryCode;
  const lastCallOf = async (db: Db, companyId: string) => (await callsOf(db, companyId))[0];

  /** Writes a call (a new one, or one kept aside) in one transaction, then arms its reminder and tells the tabs. */
  async function writeCall(kept: KeptCall, settings: Settings) {
    const db = await deps.db();
    const { companyId, listing, call } = kept.payload;
    const saved = await logCall(
      db,
      { companyId, listing },
      { ...call, id: kept.callId, phone: kept.phone, manager: kept.manager, pageUrl: kept.pageUrl, at: kept.at },
      country(settings),
      industryMapper(settings),
    );
    await deps.scheduleReminder?.(saved.call.id, saved.call.callbackAt);
    await deps.announce([saved.company.id]);
    return saved;
  }

  /** Writes the calls kept aside, if the base takes them now. */
  async function flushKept() {
    const pending = deps.pending!;
    if ((await pending.list()).length === 0) {
      if (!(await pending.problem())) return;
      // Nothing waits, but something failed earlier: the notice goes once the base takes a write again.
      const db = await deps.db();
      const tx = db.transaction('syncMeta', 'readwrite');
      await tx.store.put({ key: 'storageProbe', value: now().toISOString() });
      await tx.store.delete('storageProbe');
      await tx.done;
    }
    const settings = await deps.settings();
    await pending.flush(async (entry) => {
      // A listing logged twice while the base was full reached the base with no company for
      // either call: the later one goes to the company the earlier one made, as its badge would.
      const { companyId, listing } = entry.payload;
      if (!companyId && listing) {
        const [found] = await lookupListings(await deps.db(), [listing], { defaultCountry: country(settings), staleAfterDays: settings.staleAfterDays, now: now() });
        if (found?.match === 'exact' && found.candidates.length === 1 && found.company) entry = { ...entry, payload: { ...entry.payload, companyId: found.company.id } };
      }
      await writeCall(entry, settings);
    });
  }

  return {
    ...(deps.team ?? noTeamHandlers),
    async lookup({ listings }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      const results = await lookupListings(db, listings, { defaultCountry: country(settings), staleAfterDays: settings.staleAfterDays, now: now() });
      return followAll(results, settings.reasonAliases);
    },

    async logCall(payload) {
      const { call, listing } = payload;
      const settings = await deps.settings();
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
      const kept: KeptCall = {
        callId: payload.callId ?? crypto.randomUUID(),
        at: now().toISOString(),
        payload: { ...payload, callId: undefined },
        manager: settings.managerName,
        phone,
        pageUrl: payload.pageUrl ?? listing?.url,
      };
      // Calls kept aside earlier go first, in their order (each keeps its own time).
      if (deps.pending) await flushKept().catch(() => undefined);
      try {
        const saved = await writeCall(kept, settings);
        return { call: saved.call, company: followRenames(toView(saved.company, saved.call, settings.staleAfterDays, now()), settings.reasonAliases) };
      } catch (error) {
        const problem = deps.pending ? storageProblemOf(error) : undefined;
        if (!problem) throw error;
        // The base cannot take it now: keep the call aside rather than lose it, and say so.
        const isKept = await deps.pending!.add(kept, problem, kept.at);
        if (isKept) await deps.onKept?.();
        throw new HandlerError(problem, isKept ? t(KEPT_MESSAGES[problem]) : codeMessage(problem));
      }
    },

    async storageRetry() {
      if (!deps.pending) return { pending: 0 };
      await flushKept().catch(() => undefined);
      const left = await deps.pending.problem();
      return left ? { problem: left.code, pending: left.pending } : { pending: 0 };
    },

    async undoCall({ callId }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      const company = await undoCall(db, callId);
      await deps.scheduleReminder?.(callId, undefined);
      await deps.announce([company.id]);
      return { company: followRenames(toView(company, await lastCallOf(db, company.id), settings.staleAfterDays, now()), settings.reasonAliases) };
    },

    async getCompany({ id }) {
      const db = await deps.db();
      const company = await db.get('companies', id);
      if (!company) throw new HandlerError('not_found', t('err_noCompany'));
      return { company, calls: await callsOf(db, id) };
    },

    async saveCompany({ company: edit }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      const updated = await updateCompany(db, edit.id, edit, { defaultCountry: country(settings), industryOf: industryMapper(settings), now: now().toISOString() });
      await deps.announce([updated.id]);
      return { company: updated };
    },

    async deleteCompany({ id }) {
      const db = await deps.db();
      const deleted = await deleteCompany(db, id);
      for (const r of deleted.reminders) await deps.scheduleReminder?.(r.callId, undefined);
      await deps.announce([id]);
      return { deleted };
    },

    async restoreCompany({ deleted }) {
      const db = await deps.db();
      await restoreCompany(db, deleted);
      for (const r of deleted.reminders) if (!r.notifiedAt && Date.parse(r.dueAt) > now().getTime()) await deps.scheduleReminder?.(r.callId, r.dueAt);
      await deps.announce([deleted.company.id]);
      const company = await db.get('companies', deleted.company.id);
      if (!company) throw new HandlerError('not_found', t('err_noCompany'));
      return { company };
    },

    async restoreCall({ call }) {
      const db = await deps.db();
      const company = await restoreCall(db, call);
      if (call.callbackAt && Date.parse(call.callbackAt) > now().getTime()) await deps.scheduleReminder?.(call.id, call.callbackAt);
      await deps.announce([company.id]);
      return { company };
    },

    async mergeCompanies({ keepId, otherId, picks }) {
      const db = await deps.db();
      const company = await mergeCompanies(db, keepId, otherId, picks, now().toISOString());
      await deps.announce([keepId, otherId]);
      return { company };
    },

    async notDuplicate({ a, b }) {
      if (a === b) throw new HandlerError('invalid', t('err_mergeSelf'));
      await markNotDuplicate(await deps.db(), a, b, now().toISOString());
      return {};
    },

    async search({ query, limit }) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      return searchCompanies(db, query, country(settings), limit);
    },

    async collect({ listings }, sender) {
      const [db, settings] = await Promise.all([deps.db(), deps.settings()]);
      const r = await collectListings(db, listings, { defaultCountry: country(settings), industryOf: industryMapper(settings), now: now().toISOString() });
      if (r.written.length) await deps.announce(r.written);
      const counts = { created: r.created, sourced: r.sourced, known: r.known, repeats: r.repeats, uncertain: r.uncertain };
      const tabId = pageTabOf(sender);
      if (tabId === undefined) return counts;
      // A page collecting on its own (collect mode): the tab's running count grows, or the page learns the mode ended.
      const mode = deps.collectModes ? await deps.collectModes.added(tabId, sender.url, r.created) : OFF;
      return { ...counts, mode };
    },

    async collectMode({ tabId, on, host }, sender) {
      const modes = deps.collectModes;
      if (!modes) return OFF;
      const own = pageTabOf(sender);
      // A page asks only about its own tab, and cannot switch collecting on.
      if (own !== undefined) return on === false ? modes.set(own, false) : modes.pageAsks(own, sender.url);
      if (tabId === undefined) throw new HandlerError('invalid', t('err_noTab'));
      return on === undefined ? modes.get(tabId) : modes.set(tabId, on, host);
    },

    async catalogue({ language }) {
      if (!deps.catalogue) throw new HandlerError('not_found', t('err_noCatalogue'));
      return { ...(await deps.catalogue(language)) };
    },

    async rearmReminders() {
      await deps.catchUpReminders?.(await deps.db());
      return {};
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
          company: followRenames(toView(company, last, settings.staleAfterDays, now()), settings.reasonAliases),
          note: last.note,
          pageUrl: last.pageUrl,
        });
      }
      return items.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
  };
}
