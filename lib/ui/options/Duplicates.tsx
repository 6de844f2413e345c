/**
 * Possible duplicates (#base): pairs of companies sharing a phone, an INN or a
 * domain, or with the same normalised name and address, each with why it was
 * suggested. A merge keeps every call of both, unions phones, sources and
 * decision makers, and lets the user pick each field the two differ in; a
 * pair marked "not a duplicate" is not suggested again.
 */
import { useSignal } from '@preact/signals';
import { formatPhone } from '../../match/phone';
import { request } from '../../messages/client';
import { displayError } from '../../messages/errors';
import type { Company } from '../../model';
import { database } from '../../store/db';
import { findDuplicates, MERGE_FIELDS, type DuplicatePair, type MergeField, type MergePicks } from '../../store/edit';
import { plural, t, type MessageKey } from '../i18n';

const pairId = (p: DuplicatePair) => `${p.a.id}|${p.b.id}`;

/** Why a pair was suggested, with what the two share. */
export function reasonsOf(p: DuplicatePair): string[] {
  const out: string[] = [];
  for (const r of p.reasons) {
    if (r === 'phone') {
      const shared = p.a.phoneKeys.filter((k) => p.b.phoneKeys.includes(k));
      out.push(t('dup_samePhone', shared.map(formatPhone).join(', ')));
    } else if (r === 'inn') out.push(t('dup_sameInn', p.a.inn ?? ''));
    else if (r === 'domain') out.push(t('dup_sameDomain', p.a.domain ?? ''));
    else out.push(t('dup_sameNameAddress', [p.a.address, p.a.city].filter(Boolean).join(', ')));
  }
  return out;
}

const FIELD_LABEL: Record<MergeField, MessageKey> = {
  name: 'card_name',
  inn: 'card_inn',
  ogrn: 'card_ogrn',
  domain: 'card_website',
  address: 'card_address',
  city: 'card_city',
  industry: 'card_industry',
  rubric: 'card_rubric',
  note: 'card_note',
};

/** The fields both companies have and disagree on: the user picks one of each. */
export const differing = (a: Company, b: Company): MergeField[] =>
  MERGE_FIELDS.filter((f) => !!a[f] && !!b[f] && a[f] !== b[f]);

function MergeForm(props: { pair: DuplicatePair; onDone: (keepId: string) => void; onCancel: () => void }) {
  const { a, b } = props.pair;
  const keep = useSignal<'a' | 'b'>(b.callCount > a.callCount ? 'b' : 'a');
  const picks = useSignal<Partial<Record<MergeField, 'a' | 'b'>>>({});
  const error = useSignal('');
  const busy = useSignal(false);
  const fields = differing(a, b);
  const merge = async () => {
    busy.value = true;
    error.value = '';
    const [kept, other] = keep.value === 'a' ? [a, b] : [b, a];
    const chosen: MergePicks = {};
    for (const f of fields) {
      const side = picks.value[f] ?? keep.value;
      chosen[f] = side === keep.value ? 'keep' : 'other';
    }
    try {
      await request('mergeCompanies', { keepId: kept.id, otherId: other.id, picks: chosen });
      props.onDone(kept.id);
    } catch (e) {
      error.value = displayError(e);
    } finally {
      busy.value = false;
    }
  };
  const side = (s: 'a' | 'b') => (s === 'a' ? a : b);
  return (
    <div class="dup__merge" data-testid="dup-merge-form">
      <fieldset>
        <legend>{t('dup_keepRecord')}</legend>
        {(['a', 'b'] as const).map((s) => (
          <label class="check" key={s}>
            <input type="radio" name="dup-keep" data-testid={`dup-keep-${s}`} checked={keep.value === s} onChange={() => (keep.value = s)} />
            <span>
              {side(s).name} <span class="muted small">({plural('count_calls', side(s).callCount)})</span>
            </span>
          </label>
        ))}
      </fieldset>
      {fields.length ? (
        <table class="dup__fields">
          <caption class="muted small">{t('dup_pickFields')}</caption>
          <tbody>
            {fields.map((f) => (
              <tr key={f}>
                <th scope="row">{t(FIELD_LABEL[f])}</th>
                {(['a', 'b'] as const).map((s) => (
                  <td key={s}>
                    <label class="check">
                      <input
                        type="radio"
                        name={`dup-pick-${f}`}
                        data-testid={`dup-pick-${f}-${s}`}
                        checked={(picks.value[f] ?? keep.value) === s}
                        onChange={() => (picks.value = { ...picks.value, [f]: s })}
                      />
                      <span>{String(side(s)[f])}</span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted small">{t('dup_noDifferences')}</p>
      )}
      <p class="muted small">{t('dup_mergeHint')}</p>
      <div class="dup__actions">
        <button type="button" class="btn btn--primary" data-testid="dup-confirm" disabled={busy.value} onClick={() => void merge()}>
          {t('dup_merge')}
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          {t('dup_cancel')}
        </button>
      </div>
      {error.value ? (
        <p class="notice notice--error" role="alert">
          {error.value}
        </p>
      ) : null}
    </div>
  );
}

export function Duplicates(props: { onOpen: (id: string) => void }) {
  const pairs = useSignal<DuplicatePair[] | null>(null);
  const busy = useSignal(false);
  const open = useSignal<string | null>(null);
  const error = useSignal('');
  const notice = useSignal('');

  const find = async () => {
    busy.value = true;
    error.value = '';
    notice.value = '';
    try {
      pairs.value = await findDuplicates(await database());
    } catch (e) {
      error.value = displayError(e);
    } finally {
      busy.value = false;
    }
  };
  const drop = (ids: string[]) => {
    pairs.value = (pairs.value ?? []).filter((p) => !ids.includes(p.a.id) && !ids.includes(p.b.id));
  };
  const notDuplicate = async (p: DuplicatePair) => {
    try {
      await request('notDuplicate', { a: p.a.id, b: p.b.id });
      pairs.value = (pairs.value ?? []).filter((x) => x !== p);
    } catch (e) {
      error.value = displayError(e);
    }
  };

  return (
    <div class="dup" data-testid="duplicates">
      <h3>{t('dup_title')}</h3>
      <p class="muted small">{t('dup_hint')}</p>
      <button type="button" class="btn" data-testid="dup-find" disabled={busy.value} onClick={() => void find()}>
        {busy.value ? t('dup_finding') : t('dup_find')}
      </button>
      {error.value ? (
        <p class="notice notice--error" role="alert">
          {error.value}
        </p>
      ) : null}
      {notice.value ? (
        <p class="notice notice--ok" role="status" data-testid="dup-merged">
          {notice.value}
        </p>
      ) : null}
      {pairs.value && pairs.value.length === 0 ? (
        <p class="muted" data-testid="dup-none">
          {t('dup_none')}
        </p>
      ) : null}
      <ul class="dup__list">
        {pairs.value?.map((p) => (
          <li key={pairId(p)} class="dup__pair" data-testid="dup-pair" data-a={p.a.id} data-b={p.b.id}>
            <div class="dup__names">
              <button type="button" class="btn--link" onClick={() => props.onOpen(p.a.id)}>
                {p.a.name}
              </button>
              <span aria-hidden="true">⇄</span>
              <button type="button" class="btn--link" onClick={() => props.onOpen(p.b.id)}>
                {p.b.name}
              </button>
            </div>
            <ul class="dup__reasons">
              {reasonsOf(p).map((r) => (
                <li key={r} class="small" data-testid="dup-reason">
                  {r}
                </li>
              ))}
            </ul>
            {open.value === pairId(p) ? (
              <MergeForm
                pair={p}
                onCancel={() => (open.value = null)}
                onDone={(keepId) => {
                  open.value = null;
                  drop([p.a.id, p.b.id]);
                  notice.value = t('dup_mergedInto', keepId === p.a.id ? p.a.name : p.b.name);
                  props.onOpen(keepId);
                }}
              />
            ) : (
              <div class="dup__actions">
                <button type="button" class="btn btn--small" data-testid="dup-merge" onClick={() => (open.value = pairId(p))}>
                  {t('dup_mergeEllipsis')}
                </button>
                <button type="button" class="btn btn--small" data-testid="dup-not" onClick={() => void notDuplicate(p)}>
                  {t('dup_notDuplicate')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
