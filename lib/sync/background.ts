import { browser, type Browser } from 'wxt/browser';
import { database } from '../store/db';
import { announceBaseChange, loadSettings } from '../store/settings';
import { SYNC_STATUS_KEY } from '../store/storage';
import { createEngine } from './engine';
import { createLiveChannel } from './live';
import { LIVE_PORT } from './live-port';

/**
 * When the team sync runs, wired in the background:
 * - a push 1.5 s after each local change (changes in a burst go together);
 * - a pull when the live channel says the team changed;
 * - a pull on a one-minute alarm, at start-up, and when the popup or the
 *   options page opens (they send teamSyncNow).
 * The live channel is held while a directory tab or an extension page is
 * open: each holds a port named LIVE_PORT.
 */
export const SYNC_ALARM = 'callmark-sync';
const PUSH_DELAY_MS = 1500;

export function startSync() {
  const engine = createEngine({
    db: database,
    announce: announceBaseChange,
    publish: (status) => browser.storage.local.set({ [SYNC_STATUS_KEY]: status }),
    managerName: async () => (await loadSettings()).managerName,
  });
  const ports = new Set<unknown>();
  const live = createLiveChannel({
    target: () => engine.liveTarget(),
    onChanged: () => void engine.syncNow(),
    wanted: () => ports.size > 0,
  });

  // Changes in a burst go together; after failures the engine's backoff decides when.
  const afterLocalChange = () => engine.syncSoon(PUSH_DELAY_MS);

  const onPort = (port: Browser.runtime.Port) => {
    if (port.name !== LIVE_PORT) return;
    ports.add(port);
    void live.ensure();
    port.onDisconnect.addListener(() => {
      ports.delete(port);
      if (ports.size === 0) live.stop();
    });
  };
  try {
    browser.runtime.onConnect.addListener(onPort);
  } catch {
    // Unit tests' fake browser has no ports; the alarm's pull still runs.
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) {
      void engine.syncNow();
      void live.ensure();
    }
  });
  const arm = () => browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
  browser.runtime.onStartup.addListener(arm);
  browser.runtime.onInstalled.addListener(arm);
  void browser.alarms.get(SYNC_ALARM).then((a) => {
    if (!a) void arm();
  });
  void engine.syncNow();

  return {
    engine,
    afterLocalChange,
    /** After joining or creating a team, open the channel at once. */
    reconnect: () => {
      live.stop();
      void live.ensure();
    },
  };
}

