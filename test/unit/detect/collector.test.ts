import { describe, expect, it, vi } from 'vitest';
import { createCollector, type CollectorListing } from '../../../lib/detect/collector';
import { parseTabRequest } from '../../../lib/detect/tab-server';
import type { ListingData } from '../../../lib/model';
import { ManualScheduler, microtasks, resultFor } from './helpers';

const item = (name: string, result = resultFor(name)): CollectorListing => ({
  sig: name,
  data: { directory: 'zoon', name, phones: [] } as ListingData,
  result,
});
const known = (name: string) => resultFor(name, { id: '00000000-0000-4000-8000-000000000001' });

function setup(onPage: CollectorListing[] = []) {
  const s = new ManualScheduler();
  const sent: string[][] = [];
  let mode = { on: true, added: 0 };
  let fail = 0;
  const collect = vi.fn(async (listings: ListingData[]) => {
    if (fail-- > 0) throw new Error('background asleep');
    sent.push(listings.map((l) => l.name));
    mode = { ...mode, added: mode.added + listings.length };
    return { created: listings.length, sourced: 0, known: 0, repeats: 0, uncertain: 0, mode };
  });
  const collector = createCollector({ collect, listings: () => onPage, setTimeout: s.setTimeout, clearTimeout: s.clearTimeout });
  return { s, sent, collector, collect, endMode: () => (mode = { on: false, added: mode.added }), failNext: (n: number) => (fail = n) };
}

describe('collect mode in the page', () => {
  it('switched on, sends the page\'s new listings in one batch, then each new one found as the user scrolls, once', async () => {
    const page = [item('Alpha'), item('Beta', known('Beta')), item('Gamma')];
    const { s, sent, collector } = setup(page);
    collector.consider(item('Delta'));
    s.advance(1000);
    expect(sent).toEqual([]); // off: nothing gathered

    collector.setOn(true);
    s.advance(500);
    await microtasks();
    // Beta is in the base from this very listing: nothing to send.
    expect(sent).toEqual([['Alpha', 'Gamma']]);

    // Scrolling: two cards appear, one of them a card seen before.
    collector.consider(item('Epsilon'));
    collector.consider(item('Alpha'));
    s.advance(100);
    collector.consider(item('Zeta'));
    s.advance(500);
    await microtasks();
    expect(sent).toEqual([['Alpha', 'Gamma'], ['Epsilon', 'Zeta']]);
  });

  it('takes exact matches that do not know this listing yet (sources), never likely or several', async () => {
    const { s, sent, collector } = setup();
    collector.setOn(true);
    const byPhone = known('Phone');
    byPhone.candidates[0]!.via = ['phone'];
    collector.consider(item('Phone', byPhone));
    collector.consider(item('Likely', { ...known('Likely'), match: 'likely' }));
    collector.consider(item('Several', { ...known('Several'), match: 'several' }));
    collector.consider({ sig: 'Pending', data: { directory: 'zoon', name: 'Pending', phones: [] } });
    s.advance(500);
    await microtasks();
    expect(sent).toEqual([['Phone']]);
  });

  it('stops when the background says the mode ended (switched off in the popup, the tab left the site)', async () => {
    const { s, sent, collector, endMode } = setup();
    collector.setOn(true);
    endMode();
    collector.consider(item('One'));
    s.advance(500);
    await microtasks();
    expect(sent).toEqual([['One']]);
    expect(collector.on).toBe(false);
    collector.consider(item('Two'));
    s.advance(500);
    await microtasks();
    expect(sent).toHaveLength(1);
  });

  it('a failed send is tried again later, nothing lost and nothing twice', async () => {
    const { s, sent, collector, failNext } = setup();
    collector.setOn(true);
    failNext(1);
    collector.consider(item('One'));
    s.advance(500);
    await microtasks();
    expect(sent).toEqual([]);
    s.advance(5000);
    await microtasks();
    expect(sent).toEqual([['One']]);
  });

  it('the popup\'s tab message is read by hand and checked', () => {
    expect(parseTabRequest({ target: 'callmark-tab', type: 'collect', payload: { on: true } })).toEqual({ type: 'collect', payload: { on: true } });
    expect(parseTabRequest({ target: 'callmark-tab', type: 'collect', payload: { on: 'yes' } })).toBeNull();
    expect(parseTabRequest({ target: 'callmark-tab', type: 'collect' })).toBeNull();
  });
});
