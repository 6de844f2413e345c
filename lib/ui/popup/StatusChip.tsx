import type { Status } from '../../model';
import { t, uiLocale } from '../i18n';
import { formatWhen } from './dates';

/** A company's status with the badges' label and colour; a dashed outline for a likely (name-only) match. */
export function StatusChip(props: { status: Status; callbackAt?: string; likely?: boolean; stale?: boolean }) {
  const { status, callbackAt, likely } = props;
  const label = status === 'callback' && callbackAt ? t('status_callbackOn', formatWhen(callbackAt, uiLocale())) : t(`status_${status}`);
  return (
    <span
      class={`status st--${status}${likely ? ' status--likely' : ''}`}
      data-testid="status"
      data-status={status}
      title={likely ? t('popup_likelyMatch') : props.stale ? t('popup_stale') : undefined}
    >
      {likely ? '≈ ' : ''}
      {label}
      {props.stale ? ' ⏳' : ''}
    </span>
  );
}
