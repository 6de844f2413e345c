/**
 * The refusal reasons: add, rename (edit a row: old calls follow the new name),
 * reorder, and retire (out of the menu and the popup, still counted in
 * reports); a retired reason can be brought back.
 */
import { t } from '../i18n';

export interface ReasonRows {
  items: string[];
  /** Each row's name as saved; undefined for a row added here. */
  origins: Array<string | undefined>;
}

export function ReasonsEditor(props: {
  rows: ReasonRows;
  /** Reasons retired before (settings), and those retired in this edit. */
  retired: string[];
  onChange: (rows: ReasonRows) => void;
  errors: Record<number, string>;
}) {
  const { items, origins } = props.rows;
  const change = (next: Array<[string, string | undefined]>) => props.onChange({ items: next.map((r) => r[0]), origins: next.map((r) => r[1]) });
  const rows: Array<[string, string | undefined]> = items.map((text, i) => [text, origins[i]]);
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j]!, next[i]!];
    change(next);
  };
  const inList = new Set(items.map((x) => x.trim()));
  const retired = props.retired.filter((r) => !inList.has(r));

  return (
    <div class="list-editor" data-testid="refusalReasons">
      {rows.length === 0 ? <p class="muted">{t('list_empty')}</p> : null}
      <ol>
        {rows.map(([text, was], i) => {
          const renamed = !!was && text.trim() !== was && !!text.trim();
          return (
            <li key={i} class={props.errors[i] ? 'field--invalid' : undefined} data-reason-row={was ?? ''}>
              <div class="list-editor__row">
                <input
                  type="text"
                  value={text}
                  maxLength={200}
                  aria-label={`${t('options_refusalReasons')} ${i + 1}`}
                  aria-invalid={props.errors[i] ? true : undefined}
                  onInput={(e) => change(rows.map((r, j) => (j === i ? [e.currentTarget.value, r[1]] : r)))}
                />
                <button type="button" class="icon-btn" title={t('list_moveUp')} aria-label={t('list_moveUp')} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  class="icon-btn"
                  title={t('list_moveDown')}
                  aria-label={t('list_moveDown')}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="icon-btn icon-btn--danger"
                  title={was ? t('options_reasonRetire') : t('list_remove')}
                  aria-label={was ? t('options_reasonRetire') : t('list_remove')}
                  onClick={() => change(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </div>
              {renamed ? <p class="field__hint" data-testid="reason-renamed">{t('options_reasonRenamed', was!)}</p> : null}
              {props.errors[i] ? (
                <p class="field__error" role="alert">
                  {props.errors[i]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn--small" onClick={() => change([...rows, ['', undefined]])}>
        + {t('list_add')}
      </button>
      {retired.length ? (
        <div class="retired" data-testid="reasons-retired">
          <p class="field__hint">{t('options_reasonsRetired')}</p>
          <ul>
            {retired.map((r) => (
              <li key={r}>
                <span>{r}</span>{' '}
                <button type="button" class="btn btn--small" onClick={() => change([...rows, [r, r]])}>
                  {t('options_reasonRestore')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
