import { LiveServerMessage } from './api';

/**
 * The live channel from the service worker: the server says "team changed at
 * seq N" and we pull. Chrome 116+ keeps a service worker alive while its
 * WebSocket is active, so a keepalive goes every 20 s (as Chrome's guide for
 * WebSockets in extensions does); a dropped channel reconnects with backoff.
 * Where a browser cannot keep it, the minute alarm's pull covers it.
 */
export const KEEPALIVE_MS = 20_000;
const MAX_BACKOFF_MS = 60_000;

export interface LiveOptions {
  target: () => Promise<{ url: string; token: string } | undefined>;
  onChanged: () => void;
  /** Whether anything that shows badges is open; when not, the channel closes and the worker may sleep. */
  wanted: () => boolean;
}

export function createLiveChannel(options: LiveOptions) {
  let socket: WebSocket | undefined;
  let keepalive: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 1000;

  const stop = () => {
    clearInterval(keepalive);
    keepalive = undefined;
    const s = socket;
    socket = undefined;
    s?.close();
  };

  const scheduleRetry = () => {
    if (retry || !options.wanted()) return;
    retry = setTimeout(() => {
      retry = undefined;
      void ensure();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };

  async function ensure(): Promise<void> {
    if (socket || !options.wanted()) return;
    const target = await options.target();
    if (!target || socket) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(target.url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: target.token }));
    ws.onmessage = (event) => {
      let message;
      try {
        message = LiveServerMessage.parse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      if (message.type === 'ready') backoff = 1000;
      // "ready" too: whatever changed while the channel was down is pulled now.
      if (message.type === 'changed' || message.type === 'ready') options.onChanged();
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      clearInterval(keepalive);
      keepalive = undefined;
      if (event.code !== 4401) scheduleRetry();
    };
    keepalive = setInterval(() => {
      if (!options.wanted()) return stop();
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ping' }));
    }, KEEPALIVE_MS);
  }

  return { ensure, stop, isOpen: () => socket?.readyState === WebSocket.OPEN };
}
