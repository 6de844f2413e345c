import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receive, tick, hlcZero, type Hlc } from '../../../lib/sync/hlc';

const NODE = 'a1b2c3d4-0000-4000-8000-000000000001';
const hlcArb = fc.record({
  millis: fc.integer({ min: 0, max: 9_999_999_999_999 }),
  counter: fc.integer({ min: 0, max: 36 ** 6 - 10 }),
  node: fc.constantFrom('a', 'b', NODE),
});
const order = (a: Hlc, b: Hlc) => a.millis - b.millis || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

describe('hybrid logical clock', () => {
  it('its text form sorts exactly as the clocks do, and reads back', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(parseHlc(formatHlc(a))).toEqual(a);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(order(a, b)));
      }),
    );
  });

  it('moves forward on every local event, even when the wall clock stands still or goes back', () => {
    let clock = hlcZero(NODE);
    const seen: string[] = [];
    for (const wall of [1000, 1000, 999, 500, 1001, 1001]) {
      clock = tick(clock, wall);
      seen.push(formatHlc(clock));
    }
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    expect(parseHlc(seen[3]!)).toMatchObject({ millis: 1000, counter: 3 });
  });

  it('after receiving a remote clock, the next local event is later than it', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, fc.integer({ min: 0, max: 9_999_999_999_999 }), (local, remote, wall) => {
        fc.pre(remote.millis - wall <= 86_400_000);
        const after = tick(receive({ ...local, node: NODE }, remote, wall), wall);
        expect(compareHlc(formatHlc(after), formatHlc(remote))).toBe(1);
        expect(compareHlc(formatHlc(after), formatHlc({ ...local, node: NODE }))).toBe(1);
      }),
    );
  });

  it('refuses a remote clock a day or more ahead of the wall clock', () => {
    expect(() => receive(hlcZero(NODE), { millis: 200_000_000, counter: 0, node: 'b' }, 100_000_000)).toThrow(/too far ahead/);
  });
});
