/**
 * A hybrid logical clock (Kulkarni et al.): wall-clock millis, a counter for
 * events within the same milli (or while the wall clock lags a clock we have
 * seen), and the node id that breaks the last ties. Its string form sorts as
 * text in the same order as the clocks, so the server and IndexedDB can index
 * and compare it without parsing.
 */
export interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

const MILLIS_DIGITS = 15; // year 33658 before it overflows
const COUNTER_DIGITS = 6; // a million events in one milli
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** A remote clock further ahead of our wall clock than this is refused (a broken device clock). */
export const MAX_DRIFT_MS = 24 * 3_600_000;

export const HLC_PATTERN = /^\d{15}-[0-9a-z]{6}-[0-9a-z-]{1,64}$/;

export const hlcZero = (node: string): Hlc => ({ millis: 0, counter: 0, node });

export function formatHlc({ millis, counter, node }: Hlc): string {
  return `${String(millis).padStart(MILLIS_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

export function parseHlc(text: string): Hlc {
  if (!HLC_PATTERN.test(text)) throw new Error(`Not a clock: ${text.slice(0, 80)}`);
  return {
    millis: Number(text.slice(0, MILLIS_DIGITS)),
    counter: parseInt(text.slice(MILLIS_DIGITS + 1, MILLIS_DIGITS + 1 + COUNTER_DIGITS), 36),
    node: text.slice(MILLIS_DIGITS + COUNTER_DIGITS + 2),
  };
}

export const compareHlc = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function bump(millis: number, counter: number, node: string): Hlc {
  if (counter > MAX_COUNTER) throw new Error('Clock counter overflow');
  return { millis, counter, node };
}

/** The clock for a new local event. */
export function tick(clock: Hlc, wallMillis: number): Hlc {
  if (wallMillis > clock.millis) return bump(wallMillis, 0, clock.node);
  return bump(clock.millis, clock.counter + 1, clock.node);
}

/** Our clock after seeing a remote one: never behind anything we have seen. */
export function receive(clock: Hlc, remote: Hlc, wallMillis: number): Hlc {
  if (remote.millis - wallMillis > MAX_DRIFT_MS) throw new Error('Remote clock is too far ahead');
  const millis = Math.max(clock.millis, remote.millis, wallMillis);
  let counter = 0;
  if (millis === clock.millis && millis === remote.millis) counter = Math.max(clock.counter, remote.counter) + 1;
  else if (millis === clock.millis) counter = clock.counter + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  return bump(millis, counter, clock.node);
}

/** Millis of a clock's string form, for an `updatedAt` that every replica computes alike. */
export const hlcMillis = (text: string): number => Number(text.slice(0, MILLIS_DIGITS));
