/** "Call-backs": due and overdue call-backs, soonest first; overdue ones marked. */
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatPhone } from '../../match/phone';
import { request } from '../../messages/client';
import type { DueCallback } from '../../messages/protocol';
import { onBaseChange } from '../../store/storage';
import { t, uiLocale } from '../i18n';
import { formatWhen, isOverdue } from './dates';
import { formTarget } from './state';

export async function loadDueCallbacks(): Promise<DueCallback[]> {
  return request('dueCallbacks', {});
}

export function Callbacks(props: { items: DueCallback[] | null; error: string; reload: () => void }) {
  useEffect(() => onBaseChange(() => props.reload()), []);
  const now = new Date();
  const { items } = props;
  if (props.error) return <p class="notice notice--error">{props.error}</p>;
  if (items === null) return <p class="empty muted">{t('popup_loading')}</p>;
  if (items.length === 0) return <p class="empty muted" data-testid="callbacks-empty">{t('popup_noCallbacks')}</p>;
  return (
    <ul class="rows" data-testid="callbacks">
      {items.map((item) => {
        const overdue = isOverdue(item.dueAt, now);
        const phone = item.company.phones[0];
        return (
          <li key={item.callId} class={`callback${overdue ? ' callback--overdue' : ''}`} data-testid="callback" data-overdue={overdue ? 'true' : 'false'}>
            <button type="button" class="row" onClick={() => (formTarget.value = { kind: 'company', companyId: item.company.id, pageUrl: item.pageUrl })}>
              <span class="row__main">
                <span class="row__title">{item.company.name}</span>
                <span class="row__sub muted">{[phone ? formatPhone(phone) : '', item.note].filter(Boolean).join(' · ')}</span>
              </span>
              <span class={`when${overdue ? ' when--overdue' : ''}`}>
                {overdue ? <span class="overdue-tag">{t('popup_overdue')}</span> : null}
                {formatWhen(item.dueAt, uiLocale(), now)}
              </span>
            </button>
            {item.pageUrl && /^https?:\/\//.test(item.pageUrl) ? (
              <button type="button" class="btn btn--link small open-page" data-testid="open-page" onClick={() => void browser.tabs.create({ url: item.pageUrl })}>
                {t('popup_openPage')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
