import type { Call } from '../../../lib/model';
import type { Change } from '../../../lib/sync/changes';
import { formatHlc } from '../../../lib/sync/hlc';

let n = 0;
export const hlcAt = (millis: number, node = 'n1') => formatHlc({ millis, counter: n++ % 1000, node });

export function companyChange(over: { companyId?: string; siteKey?: string; inn?: string; phone?: string; name?: string; millis?: number } = {}): Extract<Change, { kind: 'company' }> {
  const at = new Date(over.millis ?? 1_750_000_000_000).toISOString();
  return {
    kind: 'company',
    id: crypto.randomUUID(),
    hlc: hlcAt(over.millis ?? 1_750_000_000_000),
    companyId: over.companyId ?? crypto.randomUUID(),
    fields: {
      name: over.name ?? 'Кампус',
      phones: over.phone ? [over.phone] : [],
      inn: over.inn,
      siteKeys: over.siteKey ? [over.siteKey] : [],
      sources: [],
      decisionMakers: [],
      note: '',
      createdAt: at,
    },
  };
}

export function callChange(companyId: string, outcome: Call['outcome'] = 'no_answer', millis = 1_750_000_100_000): Extract<Change, { kind: 'call' }> {
  const id = crypto.randomUUID();
  return {
    kind: 'call',
    id,
    hlc: hlcAt(millis),
    companyId,
    call: { id, companyId, at: new Date(millis).toISOString(), outcome, note: '', manager: 'Анна' },
  };
}
