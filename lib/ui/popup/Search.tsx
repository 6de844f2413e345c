/** "Search": the whole base by name, phone (any format), INN or website. */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { formatPhone } from '../../match/phone';
import { request } from '../../messages/client';
import type { Company } from '../../model';
import { t } from '../i18n';
import { formTarget } from './state';
import { StatusChip } from './StatusChip';
import { displayError } from '../../messages/errors';

export function Search() {
  const query = useSignal('');
  const results = useSignal<Company[] | null>(null);
  const error = useSignal('');
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const q = query.value.trim();
    if (!q) {
      results.value = null;
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      try {
        const found = await request('search', { query: q, limit: 50 });
        if (mine === seq.current) {
          results.value = found;
          error.value = '';
        }
      } catch (e) {
        if (mine === seq.current) error.value = displayError(e);
      }
    }, 180);
    return () => clearTimeout(timer);
  }, [query.value]);

  return (
    <div class="search">
      <input
        ref={input}
        type="search"
        data-testid="search-input"
        placeholder={t('popup_searchPlaceholder')}
        aria-label={t('popup_searchPlaceholder')}
        value={query.value}
        onInput={(e) => (query.value = e.currentTarget.value)}
      />
      {error.value ? <p class="notice notice--error">{error.value}</p> : null}
      {results.value === null ? (
        <p class="empty muted">{t('popup_searchHint')}</p>
      ) : results.value.length === 0 ? (
        <p class="empty muted" data-testid="search-empty">
          {t('popup_searchNothing')}
        </p>
      ) : (
        <ul class="rows" data-testid="search-results">
          {results.value.map((c) => (
            <li key={c.id}>
              <button type="button" class="row" data-testid="search-result" onClick={() => (formTarget.value = { kind: 'company', companyId: c.id })}>
                <span class="row__main">
                  <span class="row__title">{c.name}</span>
                  <span class="row__sub muted">
                    {[c.phones[0] ? formatPhone(c.phones[0]) : '', c.city ?? c.address ?? '', c.inn ? `${t('form_inn')} ${c.inn}` : ''].filter(Boolean).join(' · ')}
                  </span>
                </span>
                <StatusChip status={c.status} callbackAt={c.callbackAt} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
