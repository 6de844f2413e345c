import { z } from 'zod';
import { ListingData, LookupResult } from '../model';

/**
 * Requests the popup sends to the content script of a tab (browser.tabs.sendMessage).
 * The content script validates them like the background does its own.
 */
export const tabProtocol = {
  /** The listings the overlay found on this tab, with what the base knows of each. */
  listings: {
    request: z.object({}),
    response: z.object({
      /** Adapter id, or null when the overlay does not run here (off, or no directory). */
      directory: z.string().nullable(),
      listings: z.array(z.object({ key: z.string(), data: ListingData, result: LookupResult.optional() })).max(5000),
    }),
  },
  /** Scroll a listing into view and flash its badge (from the popup's list). */
  reveal: {
    request: z.object({ key: z.string().max(1000) }),
    response: z.object({ found: z.boolean() }),
  },
  /** Collect mode switched on or off from the popup (the background keeps it for the tab: lib/io/collect-mode.ts). */
  collect: {
    request: z.object({ on: z.boolean() }),
    response: z.object({ on: z.boolean() }),
  },
} as const;

export type TabRequestType = keyof typeof tabProtocol;
export const TabEnvelope = z.object({
  target: z.literal('callmark-tab'),
  type: z.enum(Object.keys(tabProtocol) as [TabRequestType, ...TabRequestType[]]),
  payload: z.unknown(),
});
export type TabResponseOf<T extends TabRequestType> = z.output<(typeof tabProtocol)[T]['response']>;
