import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/ui/i18n';
import { badgeDetails, badgeView } from '../../../lib/ui/badge-view';
import type { LookupResult } from '../../../lib/model/lookup';
import { resultFor } from '../detect/helpers';

const ID = '00000000-0000-4000-8000-000000000001';
const listing = { directory: '2gis', name: 'Кафе Ромашка', phones: [] };

describe('badgeView', () => {
  it('a listing not in the base is "new" with no match', () => {
    const v = badgeView(listing, { match: 'none', candidates: [] }, 'ru');
    expect(v).toMatchObject({ status: 'new', match: 'none', qualifier: '', label: t('status_new'), stale: false, changed: false });
    expect(badgeDetails(listing, { match: 'none', candidates: [] }, 'ru')).toEqual([['', t('badge_notInBase')]]);
    expect(v.ariaLabel).toBe(`Callmark: ${t('status_new')}`);
  });

  it('a call-back shows its date in the label', () => {
    const r = resultFor(listing.name, { id: ID, status: 'callback', callbackAt: '2025-03-12T07:00:00.000Z' });
    const v = badgeView(listing, r, 'ru');
    expect(v.status).toBe('callback');
    expect(v.label).toBe('call back 12.03');
    expect(badgeDetails(listing, r, 'ru').some(([k]) => k === t('badge_callbackAt'))).toBe(true);
  });

  it('details: last call date, outcome, reason, note, manager, number of calls, differences, staleness', () => {
    const r = resultFor(listing.name, { id: ID, status: 'refused', statusReason: 'дорого', callCount: 3, confirmedAt: '2024-01-05T10:00:00.000Z' });
    r.company!.stale = true;
    r.company!.lastCall = { at: '2024-01-05T10:00:00.000Z', outcome: 'refused', reason: 'дорого', note: 'звонить осенью', manager: 'Аня' };
    r.candidates[0]!.differences = ['phone', 'address'];
    const v = badgeView(listing, r, 'ru');
    const keys = Object.fromEntries(badgeDetails(listing, r, 'ru'));
    expect(keys[t('badge_lastCall')]).toMatch(new RegExp(`05\\.01\\.2024.*${t('outcome_refused')}`));
    expect(keys[t('badge_reason')]).toBe('дорого');
    expect(keys[t('badge_note')]).toBe('звонить осенью');
    expect(keys[t('badge_manager')]).toBe('Аня');
    expect(keys[t('badge_calls')]).toBe('3 calls');
    expect(keys[t('badge_differs')]).toBe(`${t('badge_diffPhone')}, ${t('badge_diffAddress')}`);
    expect(v.stale).toBe(true);
    expect(v.changed).toBe(true);
    expect(v.ariaLabel).toBe(`Callmark: ${t('status_refused')} — дорого, ${t('badge_stale')}, ${t('badge_changed')}`);
  });

  it('likely and several matches are marked and name the candidates', () => {
    const likely: LookupResult = { ...resultFor('Ромашка', { id: ID, status: 'client' }), match: 'likely' };
    expect(badgeView(listing, likely, 'ru')).toMatchObject({ match: 'likely', qualifier: '?', status: 'client' });
    const several: LookupResult = { ...resultFor('Ромашка', { id: ID }), match: 'several' };
    several.candidates.push({ ...several.candidates[0]!, companyId: '00000000-0000-4000-8000-000000000002', name: 'Ромашка 2' });
    const v = badgeView(listing, several, 'ru');
    expect(v.qualifier).toBe('2?');
    expect(Object.fromEntries(badgeDetails(listing, several, 'ru'))[t('badge_candidates')]).toBe('Ромашка; Ромашка 2');
  });

  it('a pending status wins until the background answers', () => {
    const v = badgeView(listing, { match: 'none', candidates: [] }, 'ru', { status: 'refused', reason: 'дорого' });
    expect(v).toMatchObject({ status: 'refused', match: 'exact' });
    expect(v.ariaLabel).toBe(`Callmark: ${t('status_refused')} — дорого`);
  });
});
