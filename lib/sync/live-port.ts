import { browser } from 'wxt/browser';

/** The port that holds the team's live channel open (lib/sync/background.ts); zod-free, for the content script. */
export const LIVE_PORT = 'callmark-live';

/** Pages and content scripts hold the live channel open while they are open; a restarted worker gets it back. */
export function holdLiveChannel(): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let stopped = false;
  const connect = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: LIVE_PORT });
    } catch {
      return; // the extension was reloaded: this page's script is orphaned
    }
    port.onDisconnect.addListener(() => {
      port = undefined;
      setTimeout(connect, 1000);
    });
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
