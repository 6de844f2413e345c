import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { CountryCode } from 'libphonenumber-js';
import { createHandlers, industryMapper } from '../lib/messages/handlers';
import { seedBase, seedBulk, seedCalls, type BulkOptions, type SeedCompany, type SeedOptions } from '../lib/store/seed';
import { createRouter } from '../lib/messages/router';
import { callIdOfAlarm, catchUpReminders, MISSED_NOTIFICATION, MISSED_PAGE, fireReminder, pageOfReminder, scheduleReminder } from '../lib/reminders/reminders';
import { database, setDatabaseFault } from '../lib/store/db';
import { faultOpener, type StorageFault } from '../lib/store/faults';
import { createPendingCalls } from '../lib/store/pending';
import type { KeptCall } from '../lib/messages/handlers';
import { startSync } from '../lib/sync/background';
import { createTeamHandlers } from '../lib/sync/handlers';
import { createCollectModes } from '../lib/io/collect-mode';
import { announceBaseChange, loadSettings, onSettingsChanged, saveSettings } from '../lib/store/settings';
import { applyLanguage, loadCatalogue } from '../lib/ui/catalogue';

// Wiring only: every listener is registered synchronously at the top level so a
// stopped service worker wakes up for it; all state lives in IndexedDB.
export default defineBackground(() => {
  // Errors and notifications in the language chosen in settings (lib/ui/i18n.ts).
  const language = loadSettings().then(
    (s) => applyLanguage(s.language),
    () => false,
  );
  onSettingsChanged((s) => void applyLanguage(s.language));
  const sync = startSync();
  const announce = async (companyIds: string[]) => {
    await announceBaseChange(companyIds);
    sync.afterLocalChange();
  };
  const team = createTeamHandlers(sync.engine);
  const collectModes = createCollectModes();
  // Calls the base could not take wait in extension storage; this alarm retries them.
  const pending = createPendingCalls<KeptCall>();
  const PENDING_ALARM = 'callmark-pending';
  const armPendingRetry = async () => void (await browser.alarms.create(PENDING_ALARM, { periodInMinutes: 1 }));
  const handlers = createHandlers({
    pending,
    onKept: armPendingRetry,
    db: database,
    settings: loadSettings,
    announce,
    scheduleReminder,
    catchUpReminders,
    collectModes,
    catalogue: loadCatalogue,
    team: {
      ...team,
      teamCreate: async (p, s) => (await team.teamCreate(p, s).finally(sync.reconnect)),
      teamJoin: async (p, s) => (await team.teamJoin(p, s).finally(sync.reconnect)),
    },
  });
  const route = createRouter(handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') }, (code) => {
    void pending.note(code, new Date().toISOString()).then(armPendingRetry);
  });
  const retryPending = async () => {
    const left = await handlers.storageRetry({}, {}).catch(() => undefined);
    if (left && !left.problem) await browser.alarms.clear(PENDING_ALARM);
  };

  if (__TEST_HOOKS__) {
    // End-to-end tests seed the base and fire alarms through this; release builds have none of it.
    const seed = {
      calls: async (items: SeedCompany[]) => {
        const s = await loadSettings();
        return seedCalls(await database(), items, s.defaultCountry as CountryCode, industryMapper(s));
      },
      bulk: async (opts: BulkOptions) => seedBulk(await database(), opts),
      /** Companies `from`… of lib/store/seed.ts seedCompany (the base table's e2e computes from the same). */
      base: async (opts: SeedOptions) => {
        const result = await seedBase(await database(), opts);
        await announceBaseChange([]);
        return result;
      },
    };
    Object.assign(globalThis, {
      callmarkTest: {
        handlers,
        database,
        fireReminder,
        saveSettings,
        sync: sync.engine,
        /** Makes the base fail as a full disk ('quota') or a broken profile ('unavailable') does; null ends it. */
        setStorageFault: (kind: StorageFault) => setDatabaseFault(faultOpener(kind)),
        pendingCalls: () => pending.list(),
        seed,
      },
    });
  }

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void language.finally(() => route(message, sender).then(sendResponse));
    return true; // answer asynchronously
  });

  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === PENDING_ALARM) return retryPending();
    const callId = callIdOfAlarm(alarm.name);
    if (!callId) return;
    await language;
    await fireReminder(await database(), callId);
  });

  browser.notifications.onClicked.addListener(async (notificationId) => {
    if (notificationId === MISSED_NOTIFICATION) {
      await browser.notifications.clear(notificationId);
      await browser.tabs.create({ url: browser.runtime.getURL(MISSED_PAGE) });
      return;
    }
    const callId = callIdOfAlarm(notificationId);
    if (!callId) return;
    const url = await pageOfReminder(await database(), callId);
    await browser.notifications.clear(notificationId);
    if (url) await browser.tabs.create({ url });
  });

  // Collect mode ends with its tab.
  browser.tabs.onRemoved.addListener((tabId) => void collectModes.closed(tabId));

  // Calls kept aside by an earlier run are written as soon as the base takes them.
  void retryPending();

  const catchUp = async () => {
    await language;
    await catchUpReminders(await database());
  };
  browser.runtime.onStartup.addListener(catchUp);
  browser.runtime.onInstalled.addListener(catchUp);
});
