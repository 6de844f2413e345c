/**
 * Rubrics and industries (in #settings): the directories' rubrics that no
 * industry covers yet, with how many companies each, to map; and the user's
 * own mappings, to change or forget. Every change runs the mapping again over
 * the companies (lib/store/edit.ts remapIndustries: their totals move in the
 * same transactions), hand-set industries untouched.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { industryOfRubric, rubricKey } from '../../model/industry';
import type { Settings } from '../../model/settings';
import { displayError } from '../../messages/errors';
import { database } from '../../store/db';
import { remapIndustries, unmappedRubrics } from '../../store/edit';
import { announceBaseChange, saveSettings } from '../../store/settings';
import { onBaseChange } from '../../store/storage';
import { formatNumber, plural, t } from '../i18n';
import { whenOnScreen } from './on-screen';

/** Runs the settings' mapping over every company not set by hand; tells the tabs. */
export async function remapAfter(settings: Settings): Promise<number> {
  const db = await database();
  const changed = await remapIndustries(db, (rubric) => industryOfRubric(rubric, settings.rubricIndustries, settings.industries));
  if (changed) await announceBaseChange([]);
  return changed;
}

export interface RubricCount {
  /** rubricKey(): how the mapping knows it. */
  key: string;
  /** As the directory wrote it (the commonest spelling). */
  rubric: string;
  count: number;
}

/** Unmapped rubrics folded as the mapping folds them (case, ё, spaces), most companies first. */
export function foldRubrics(rows: ReadonlyArray<{ rubric: string; count: number }>): RubricCount[] {
  const out = new Map<string, RubricCount & { best: number }>();
  for (const { rubric, count } of rows) {
    const key = rubricKey(rubric);
    const r = out.get(key);
    if (!r) out.set(key, { key, rubric, count, best: count });
    else {
      r.count += count;
      if (count > r.best) Object.assign(r, { rubric, best: count });
    }
  }
  return [...out.values()].map(({ key, rubric, count }) => ({ key, rubric, count })).sort((a, b) => b.count - a.count || a.rubric.localeCompare(b.rubric));
}

const UNSET = '\u0000';

export function RubricsSection(props: { settings: Settings; onSaved: (s: Settings) => void }) {
  const unmapped = useSignal<RubricCount[] | null>(null);
  const busy = useSignal(false);
  const status = useSignal('');
  const error = useSignal('');
  const s = props.settings;

  const load = async () => {
    try {
      unmapped.value = foldRubrics(await unmappedRubrics(await database()));
    } catch (e) {
      error.value = displayError(e);
    }
  };
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Reading the unmapped rubrics reads those companies: only once the list is wanted,
    // so a page opened at #base or #reports does not wait for it.
    let live = false;
    const offScreen = whenOnScreen(box.current, 'settings', () => {
      live = true;
      void load();
    });
    const offBase = onBaseChange(() => live && void load());
    return () => {
      offScreen();
      offBase();
    };
  }, []);

  const map = async (key: string, industry: string | null) => {
    busy.value = true;
    error.value = '';
    status.value = '';
    try {
      const rubricIndustries = { ...s.rubricIndustries };
      if (industry === null) delete rubricIndustries[key];
      else rubricIndustries[key] = industry;
      const saved = await saveSettings({ rubricIndustries });
      props.onSaved(saved);
      const changed = await remapAfter(saved);
      status.value = plural('options_rubricsUpdated', changed);
      await load();
    } catch (e) {
      error.value = displayError(e);
    } finally {
      busy.value = false;
    }
  };

  const choice = (key: string, value: string | undefined, testid: string, withForget: boolean) => (
    <select
      data-testid={testid}
      aria-label={t('options_rubricIndustry')}
      disabled={busy.value}
      value={value ?? UNSET}
      onChange={(e) => {
        const v = e.currentTarget.value;
        void map(key, v === UNSET ? null : v);
      }}
    >
      <option value={UNSET}>{withForget ? t('options_rubricSuggested') : t('options_rubricChoose')}</option>
      {s.industries.map((i) => (
        <option key={i} value={i}>
          {i}
        </option>
      ))}
      <option value="">{t('options_rubricLeave')}</option>
    </select>
  );

  const mapped = Object.entries(s.rubricIndustries).sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <div class="rubrics" data-testid="rubrics" ref={box}>
      <h3>{t('options_rubrics')}</h3>
      <p class="field__hint">{t('options_rubricsHint')}</p>
      {error.value ? (
        <p class="notice notice--error" role="alert">
          {error.value}
        </p>
      ) : null}
      {status.value ? (
        <p class="notice notice--ok" role="status" data-testid="rubrics-status">
          {status.value}
        </p>
      ) : null}
      <h4>{t('options_rubricsUnmapped')}</h4>
      {unmapped.value === null ? (
        <p class="muted">{t('popup_loading')}</p>
      ) : unmapped.value.length === 0 ? (
        <p class="muted" data-testid="rubrics-none">
          {t('options_rubricsNone')}
        </p>
      ) : (
        <table class="rubric-table" data-testid="rubrics-unmapped">
          <thead>
            <tr>
              <th scope="col">{t('options_rubric')}</th>
              <th scope="col">{t('col_companies')}</th>
              <th scope="col">{t('options_rubricIndustry')}</th>
            </tr>
          </thead>
          <tbody>
            {unmapped.value.slice(0, 200).map((r) => (
              <tr key={r.key} data-key={r.key}>
                <th scope="row">{r.rubric}</th>
                <td data-col="count">{formatNumber(r.count)}</td>
                <td>{choice(r.key, Object.hasOwn(s.rubricIndustries, r.key) ? s.rubricIndustries[r.key] : undefined, 'rubric-industry', false)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mapped.length ? (
        <>
          <h4>{t('options_rubricsMapped')}</h4>
          <table class="rubric-table" data-testid="rubrics-mapped">
            <tbody>
              {mapped.map(([key, industry]) => (
                <tr key={key} data-key={key}>
                  <th scope="row">{key}</th>
                  <td>{choice(key, industry, 'rubric-mapped', true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
