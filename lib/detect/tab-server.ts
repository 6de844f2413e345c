import type { TabRequestType, TabResponseOf } from '../messages/tab';

/**
 * The content script's side of the popup→tab protocol (lib/messages/tab.ts).
 * Requests are checked by hand against the same shapes as TabEnvelope, so the
 * content script does without zod; only this extension can send to it
 * (tabs.sendMessage), and the sender's id is checked too.
 */
export interface TabServer {
  listings(): TabResponseOf<'listings'>;
  reveal(key: string): TabResponseOf<'reveal'>;
  collect(on: boolean): TabResponseOf<'collect'>;
}

export type TabRequest =
  | { type: 'listings'; payload: Record<string, never> }
  | { type: 'reveal'; payload: { key: string } }
  | { type: 'collect'; payload: { on: boolean } };

/** Parses a message as a tab request; null when it is not one (or malformed). */
export function parseTabRequest(message: unknown): TabRequest | null {
  if (!message || typeof message !== 'object') return null;
  const m = message as { target?: unknown; type?: unknown; payload?: unknown };
  if (m.target !== 'callmark-tab') return null;
  const type = m.type as TabRequestType;
  if (type === 'listings') return { type, payload: {} };
  if (type === 'reveal') {
    const key = (m.payload as { key?: unknown } | null | undefined)?.key;
    if (typeof key !== 'string' || key.length > 1000) return null;
    return { type, payload: { key } };
  }
  if (type === 'collect') {
    const on = (m.payload as { on?: unknown } | null | undefined)?.on;
    if (typeof on !== 'boolean') return null;
    return { type, payload: { on } };
  }
  return null;
}

export function answerTabRequest(server: TabServer, request: TabRequest): TabResponseOf<TabRequestType> {
  switch (request.type) {
    case 'listings':
      return server.listings();
    case 'reveal':
      return server.reveal(request.payload.key);
    case 'collect':
      return server.collect(request.payload.on);
  }
}
