/**
 * The rubric → industry mapping edited in settings applies to the companies
 * already in the base (hand-set industries kept), and the totals follow:
 * the industries report loses its unmapped row, and the totals equal a
 * recomputation from the records.
 */
import { describe, expect, it } from 'vitest';
import { industryOfRubric } from '../../../lib/model/industry';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { industries } from '../../../lib/reports/industries';
import { logCall } from '../../../lib/store/calls';
import { remapIndustries, unmappedRubrics, updateCompany } from '../../../lib/store/edit';
import { runReports } from '../../../lib/store/reports';
import { computeTotals, countersOf } from '../../../lib/store/totals';
import { foldRubrics } from '../../../lib/ui/options/Rubrics';
import { freshDb, listing } from '../store/helpers';

const ctx = { reasonAliases: {} };

describe('rubrics mapped in settings', () => {
  it('a new mapping reruns over the companies, hand-set industries stay, totals follow', async () => {
    const db = await freshDb();
    const mapping = (m: Record<string, string>) => (rubric: string | undefined) => industryOfRubric(rubric, m, DEFAULT_SETTINGS.industries);
    const none = mapping({});
    const a = await logCall(db, { listing: listing({ name: 'Шины 1', siteId: '1', phones: ['+7 495 000 00 01'], category: 'Пункт вулканизации' }) }, { outcome: 'refused', reason: 'дорого' }, 'RU', none);
    await logCall(db, { listing: listing({ name: 'Шины 2', siteId: '2', phones: ['+7 495 000 00 02'], category: 'пункт  вулканизации' }) }, { outcome: 'client' }, 'RU', none);
    const c = await logCall(db, { listing: listing({ name: 'Шины 3', siteId: '3', phones: ['+7 495 000 00 03'], category: 'Пункт вулканизации' }) }, { outcome: 'interested' }, 'RU', none);
    // One of them has its industry set by hand: the mapping never replaces it.
    await updateCompany(db, c.company.id, { name: 'Шины 3', phones: ['+7 495 000 00 03'], industry: 'Своя', decisionMakers: [] }, { defaultCountry: 'RU', industryOf: none, now: new Date().toISOString() });

    expect(foldRubrics(await unmappedRubrics(db))).toEqual([{ key: 'пункт вулканизации', rubric: expect.stringMatching(/ункт/), count: 2 }]);
    const before = await runReports(db, [industries], {}, ctx);
    expect(before[0]!.rows.find((r) => r.key === '#unmapped')?.cells.companies).toBe(2);

    expect(await remapIndustries(db, mapping({ 'пункт вулканизации': 'Авто' }))).toBe(2);
    const after = (await runReports(db, [industries], {}, ctx))[0]!;
    expect(after.rows.map((r) => [r.key, r.cells.companies])).toEqual([
      ['Авто', 2],
      ['Своя', 1],
    ]);
    expect((await db.get('companies', a.company.id))?.industry).toBe('Авто');
    expect(foldRubrics(await unmappedRubrics(db))).toEqual([]);

    // The stored totals are exactly what the records give.
    const companies = await db.getAll('companies');
    const calls = await db.getAll('calls');
    const expected = computeTotals(companies.map((company) => ({ company, calls: calls.filter((x) => x.companyId === company.id) })));
    const stored = new Map((await db.getAll('totals')).map((r) => [r.key, Object.fromEntries(countersOf(r))]));
    expect(stored).toEqual(expected);

    // "Leave without an industry": back to the unmapped row.
    expect(await remapIndustries(db, mapping({ 'пункт вулканизации': '' }))).toBe(2);
    expect((await runReports(db, [industries], {}, ctx))[0]!.rows.find((r) => r.key === '#unmapped')?.cells.companies).toBe(2);
  });
});
