/**
 * The section the page was opened at (#base, #reports) is drawn and reads
 * first; App.tsx mounts the other sections, and so starts their own reads
 * (the settings' form, the sites, the team's status and its sync, the backup
 * reminder), once it has drawn, or after WAIT_MS at most. Done alongside,
 * their reads added some 40 ms to the reports' load on a base of 100,000
 * companies (187 against 144 ms, the page with the reports alone), and
 * drawing them some 70 ms to the base table's first rows.
 */
const WAITING: ReadonlySet<string> = new Set(['base', 'reports']);
const WAIT_MS = 1500;

const openedAt = typeof location === 'undefined' ? '' : location.hash.slice(1);
let release: () => void = () => undefined;
const drawn = new Promise<void>((resolve) => (release = resolve));

/** The section the others wait for, if the page was opened at one that makes them wait. */
export const waitedFor = (): string | undefined => (WAITING.has(openedAt) ? openedAt : undefined);

/** The section `id` has drawn its first content (or failed to): the others may start. */
export function sectionDrawn(id: string): void {
  if (id === openedAt) release();
}

/** Resolves when the others may start: at once unless the page was opened at a section that waits. */
export function afterOpenedSection(): Promise<void> {
  if (!WAITING.has(openedAt)) return Promise.resolve();
  return Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, WAIT_MS))]);
}
