/**
 * An import cut short (issue 8, "Writing"): the options page closes mid-import,
 * after two of its four batches; the next visit says so, and resuming finishes
 * it with no half-written and no duplicate company. The test build's
 * `?testPauseAfterBatch=2` holds the import after batch 2 as if the page had
 * been closed right then (lib/io/worker.ts); the page is then really closed.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';

const ROWS = 1600; // four batches of 500
/** Counts as the English UI writes them: "1,600". */
const n = (x: number) => x.toLocaleString('en-US');
const csv = () => {
  const lines = ['name,phones,status,reason,last_call,manager'];
  for (let i = 0; i < ROWS; i++) {
    const phone = `+7 495 ${String(1_000_000 + i).slice(0, 3)}-${String(1_000_000 + i).slice(3, 5)}-${String(1_000_000 + i).slice(5, 7)}`;
    // Every other row carries a call: a refusal with its reason.
    lines.push(i % 2 ? `Компания ${i},${phone},refused,дорого,2024-03-01 14:30,Анна` : `Компания ${i},${phone},,,,`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
};

interface Base {
  companies: Array<{ id: string; name: string; phones: string[]; status: string; callCount: number; statusReason?: string }>;
  calls: Array<{ companyId: string; outcome: string; reason?: string }>;
}

async function base(worker: Worker): Promise<Base> {
  return worker.evaluate(async () => {
    const hooks = (globalThis as unknown as { callmarkTest: { database: () => Promise<{ getAll: (s: string) => Promise<unknown[]> }> } }).callmarkTest;
    const db = await hooks.database();
    return { companies: await db.getAll('companies'), calls: await db.getAll('calls') };
  }) as Promise<Base>;
}

/** Every company whole: its phone, and, for rows with a status, its one call and the status derived from it. */
function expectWhole(b: Base): void {
  const callsOf = new Map<string, number>();
  for (const c of b.calls) callsOf.set(c.companyId, (callsOf.get(c.companyId) ?? 0) + 1);
  for (const c of b.companies) {
    const i = Number(/^Компания (\d+)$/.exec(c.name)![1]);
    expect(c.phones).toHaveLength(1);
    if (i % 2) {
      expect(c).toMatchObject({ status: 'refused', statusReason: 'дорого', callCount: 1 });
      expect(callsOf.get(c.id)).toBe(1);
    } else {
      expect(c).toMatchObject({ status: 'new', callCount: 0 });
      expect(callsOf.get(c.id)).toBeUndefined();
    }
  }
  expect(b.calls.every((c) => b.companies.some((co) => co.id === c.companyId))).toBe(true);
}

test('an import cut short by closing the options page: the next visit offers to resume, which finishes it with nothing half-written or doubled', async ({ serviceWorker, openExtensionPage }) => {
  test.setTimeout(120_000);
  const options = await openExtensionPage('options.html?testPauseAfterBatch=2#io');
  await options.getByTestId('import-file').setInputFiles({ name: 'большая база.csv', mimeType: 'text/csv', buffer: csv() });
  await expect(options.getByTestId('import-summary')).toHaveText(`created ${n(ROWS)}, updated 0, skipped 0, rejected 0`, { timeout: 30_000 });
  await options.getByTestId('import-confirm').click();
  await expect(options.getByTestId('import-progress')).toContainText(`Written ${n(1000)} of ${n(ROWS)} companies`, { timeout: 30_000 });
  await options.close();

  // What was written is whole: two batches, every company with its call.
  const cut = await base(serviceWorker);
  expect(cut.companies).toHaveLength(1000);
  expectWhole(cut);

  // The page closed before it could rebuild the report totals: the next options page does it.
  expect(await serviceWorker.evaluate(async () => (await chrome.storage.local.get('totalsStale')).totalsStale)).toBeTruthy();
  const again = await openExtensionPage('options.html#io');
  const banner = again.getByTestId('import-interrupted');
  await expect(banner).toContainText(`The import of “большая база.csv” was cut short (the browser or the page closed) after ${n(1000)} of ${n(ROWS)} companies.`);
  await again.getByTestId('import-resume').click();
  await expect(banner).toHaveCount(0);
  // The same file again, from the journal: the companies written before are known now.
  await expect(again.getByTestId('import-summary')).toHaveText(`created 600, updated ${n(1000)}, skipped 0, rejected 0`, { timeout: 30_000 });
  await again.getByTestId('import-confirm').click();
  await expect(again.getByTestId('import-summary')).toHaveText('Imported: created 600, updated 0, skipped 0, rejected 0.', { timeout: 60_000 });
  await expect(again.getByText(`${n(1000)} of the companies found had nothing new.`)).toBeVisible();

  const done = await base(serviceWorker);
  expect(done.companies).toHaveLength(ROWS);
  expect(new Set(done.companies.map((c) => c.name)).size).toBe(ROWS);
  expect(done.calls).toHaveLength(ROWS / 2);
  expectWhole(done);

  // The reports count every company written, the ones before the cut and after it.
  await again.getByTestId('section-reports').scrollIntoViewIfNeeded();
  const statuses = again.getByTestId('report-statuses');
  await expect(statuses.locator('tr[data-key="refused"] td[data-col="count"]')).toHaveText(String(ROWS / 2));
  await expect(statuses.locator('tr[data-key="new"] td[data-col="count"]')).toHaveText(String(ROWS / 2));
  await expect.poll(() => serviceWorker.evaluate(async () => (await chrome.storage.local.get('totalsStale')).totalsStale ?? null)).toBeNull();

  // Finished: no banner any more.
  await again.reload();
  await expect(again.getByTestId('section-io')).toBeVisible();
  await expect(again.getByTestId('import-interrupted')).toHaveCount(0);
});
