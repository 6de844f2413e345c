/**
 * The base table: a fixed header with sortable columns and virtualised rows
 * (only the rows on screen are in the DOM, their records read as they come
 * into view).
 */
import { useEffect } from 'preact/hooks';
import { formatPhone } from '../../match/phone';
import type { Company } from '../../model';
import type { SortKey } from '../../store/base-query';
import { SORT_KEYS } from '../../store/base-query';
import { longDate } from '../format';
import { t, uiLocale, type MessageKey } from '../i18n';
import { ROW_HEIGHT, type BaseView } from './base-state';
import { useVirtualRows } from './virtual';

const COLUMN_LABEL: Record<SortKey, MessageKey> = {
  name: 'base_colName',
  status: 'base_colStatus',
  industry: 'base_colIndustry',
  city: 'base_colCity',
  phones: 'base_colPhones',
  lastCall: 'base_colLastCall',
  manager: 'base_colManager',
  source: 'base_colSource',
};

/** A source key as people read it: the directory's id, an imported file's name, or "added by hand". */
export function sourceLabel(key: string): string {
  if (key === 'manual') return t('base_sourceManual');
  if (key.startsWith('import:')) return t('base_sourceFile', key.slice('import:'.length));
  if (key === 'import') return t('base_sourceImport');
  return key;
}

const statusLabel = (c: Company) => t(`status_${c.status}` as MessageKey);

function Row(props: { company: Company | undefined; index: number; top: number; onOpen: (id: string) => void }) {
  const { company: c, top } = props;
  const style = { transform: `translateY(${top}px)`, height: `${ROW_HEIGHT}px` };
  if (!c) {
    return (
      <div class="bt__row bt__row--loading" role="row" style={style} aria-rowindex={props.index + 2}>
        <div role="cell" class="muted">
          …
        </div>
      </div>
    );
  }
  const locale = uiLocale();
  const when = c.status === 'callback' && c.callbackAt ? c.callbackAt : c.statusAt;
  const phones = c.phones.map(formatPhone);
  return (
    <div class="bt__row" role="row" data-testid="base-row" data-id={c.id} style={style} aria-rowindex={props.index + 2} onClick={() => props.onOpen(c.id)}>
      <div role="cell" class="bt__name">
        <button type="button" class="btn--link" data-testid="base-open" onClick={(e) => (e.stopPropagation(), props.onOpen(c.id))} title={c.name}>
          {c.name}
        </button>
      </div>
      <div role="cell" class="bt__status">
        <span class={`status st--${c.status}`} data-testid="base-status" data-status={c.status}>
          {statusLabel(c)}
        </span>
        {when ? <span class="muted small bt__date">{longDate(when, locale)}</span> : null}
      </div>
      <div role="cell" title={c.rubric}>
        {c.industry ?? ''}
      </div>
      <div role="cell">{c.city ?? ''}</div>
      <div role="cell" title={phones.join(', ')}>
        {phones[0] ?? ''}
        {phones.length > 1 ? <span class="muted small"> +{phones.length - 1}</span> : null}
      </div>
      <div role="cell">{longDate(c.lastCallAt, locale)}</div>
      <div role="cell">{c.lastManager ?? ''}</div>
      <div role="cell">{sourceLabel(c.idx?.source ?? 'manual')}</div>
    </div>
  );
}

export function BaseTable(props: { view: BaseView; onOpen: (id: string) => void }) {
  const { view } = props;
  // Before the count is known (it walks the whole store), the first rows already show.
  const count = view.count.value ?? view.head.value.length;
  const rows = useVirtualRows(count, ROW_HEIGHT, { viewport: 520, scrollMargin: ROW_HEIGHT });
  const items = rows.items.value;
  void view.version.value; // re-render when records arrive
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const ids = view.ids.value;
  const head = view.head.value;
  useEffect(() => {
    if (last >= first) void view.ensureRows(first, last);
  }, [first, last, ids, head, view.version.value]);
  // A new query starts at the top.
  useEffect(() => {
    rows.virtualizer.scrollToOffset(0);
  }, [view.filter.value, view.sort.value]);

  const sort = view.sort.value;
  const setSort = (key: SortKey) =>
    void view.setQuery({ sort: { key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : key === 'lastCall' && sort.key !== key ? 'desc' : 'asc' } });

  return (
    <div class="bt" role="table" aria-label={t('options_navBase')} aria-rowcount={count + 1} data-testid="base-table">
      <div class="bt__scroll" ref={rows.scrollRef}>
        <div class="bt__row bt__head" role="row" aria-rowindex={1}>
          {SORT_KEYS.map((key) => (
            <div role="columnheader" key={key} aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" class="bt__sort" data-testid={`base-sort-${key}`} onClick={() => setSort(key)}>
                {t(COLUMN_LABEL[key])}
                <span aria-hidden="true" class="bt__arrow">
                  {sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            </div>
          ))}
        </div>
        <div class="bt__body" style={{ height: `${rows.totalSize.value}px` }} role="rowgroup">
          {items.map((item) => {
            const id = view.idAt(item.index);
            return <Row key={id ?? `i${item.index}`} index={item.index} top={item.start - ROW_HEIGHT} company={id ? view.cache.get(id) : undefined} onOpen={props.onOpen} />;
          })}
        </div>
        {count === 0 && view.count.value !== null ? (
          <p class="muted bt__empty" data-testid="base-empty">
            {t('base_empty')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
