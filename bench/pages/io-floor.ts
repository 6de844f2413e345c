// Bundled by bench/import-export.bench.mjs and evaluated in the built
// extension's options page: the 100,000-row file the import is timed on
// (made here and in Node alike, from the same function), and the floors the
// import and the exports are compared with, measured in the same page and run:
//  - parsing alone: decoding the bytes and papaparse, as lib/io/table.ts calls it;
//  - raw bulk puts: the records the import writes (made here by the import's
//    own pure steps, untimed: rows read, planned, merged, status derived, keys
//    derived; ids come from the content, so they are the same records) put into
//    an empty database of the same schema (lib/store/db.ts) in a profile of
//    its own, 10,000 per transaction, every put issued at once;
//  - raw reads: every company and call read with getAll (the export's floor),
//    and JSON.stringify of them (the backup's).
import Papa from 'papaparse';
import { autoMapping } from '../../lib/io/columns';
import { decodeText } from '../../lib/io/decode';
import { readRows } from '../../lib/io/import';
import { mergeRecords } from '../../lib/io/merge';
import { KeyIndex, planImport } from '../../lib/io/plan';
import { csvTable } from '../../lib/io/table';
import type { Call, Company } from '../../lib/model';
import { openDatabase } from '../../lib/store/db';
import { applyCalls } from '../../lib/store/derive';
import { withDerivedKeys } from '../../lib/store/keys';
import { bulkCsv } from './io-data';

const FLOOR_DB = 'callmark-bench-floor';
const CHUNK = 10_000;

async function readAll(name: 'companies' | 'calls'): Promise<unknown[]> {
  const db = await openDatabase();
  try {
    const out: unknown[] = [];
    let after: string | undefined;
    for (;;) {
      const chunk = await db.getAll(name, after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), CHUNK);
      out.push(...chunk);
      if (chunk.length < CHUNK) break;
      after = (chunk[chunk.length - 1] as { id: string }).id;
    }
    return out;
  } finally {
    db.close();
  }
}

const deleteDb = (name: string) =>
  new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });

const api = {
  /** The file, as bytes (the import's input). */
  bytes: (rows: number) => new TextEncoder().encode(bulkCsv(rows)),

  /** ms to decode and parse the file with papaparse, as the import worker does. */
  parse(rows: number): { ms: number; rows: number } {
    const bytes = api.bytes(rows);
    const t0 = performance.now();
    const { text } = decodeText(bytes);
    const result = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
    return { ms: performance.now() - t0, rows: result.data.length };
  },

  /** ms to put the records an import of the file writes into an empty database of the same schema. */
  async put(rows: number, fileName: string): Promise<{ ms: number; companies: number; calls: number }> {
    const now = new Date().toISOString();
    const table = csvTable(api.bytes(rows));
    const plan = planImport(readRows(table, autoMapping(table.headers), 'RU'), new KeyIndex());
    const companies: Company[] = [];
    const calls: Call[] = [];
    for (const g of plan.groups) {
      const built = mergeRecords(g.companyId, undefined, g.records, { fileName, now });
      companies.push(withDerivedKeys(applyCalls(built.company, built.calls, now)));
      calls.push(...built.calls);
    }
    await deleteDb(FLOOR_DB);
    const db = await openDatabase(FLOOR_DB);
    const t0 = performance.now();
    for (const [store, records] of [['companies', companies], ['calls', calls]] as const) {
      for (let i = 0; i < records.length; i += CHUNK) {
        const tx = db.transaction(store, 'readwrite');
        for (const r of records.slice(i, i + CHUNK)) void tx.store.put(r as never);
        await tx.done;
      }
    }
    const ms = performance.now() - t0;
    db.close();
    await deleteDb(FLOOR_DB);
    return { ms, companies: companies.length, calls: calls.length };
  },

  /** ms to read every company and call (and, for the backup, to serialise them). */
  async read(): Promise<{ readMs: number; stringifyMs: number; bytes: number }> {
    const t0 = performance.now();
    const [companies, calls] = [await readAll('companies'), await readAll('calls')];
    const readMs = performance.now() - t0;
    const t1 = performance.now();
    const text = JSON.stringify({ companies, calls });
    return { readMs, stringifyMs: performance.now() - t1, bytes: text.length };
  },

  /** The options page's main thread while work runs in the worker: long tasks and the event loop's longest delay. */
  watch(): () => { longTasks: number; longestTaskMs: number; maxLagMs: number; heapPeakMB: number | null } {
    let longTasks = 0;
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        longTasks++;
        longestTaskMs = Math.max(longestTaskMs, e.duration);
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    // A timer every 5 ms: how late it fires is how long the thread was busy (tasks under 50 ms included).
    let maxLagMs = 0;
    let heapPeak = 0;
    let last = performance.now();
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    const timer = setInterval(() => {
      const now = performance.now();
      maxLagMs = Math.max(maxLagMs, now - last - 5);
      last = now;
      if (memory) heapPeak = Math.max(heapPeak, memory.usedJSHeapSize);
    }, 5);
    return () => {
      observer.disconnect();
      clearInterval(timer);
      return { longTasks, longestTaskMs, maxLagMs, heapPeakMB: memory ? heapPeak / 2 ** 20 : null };
    };
  },
};

Object.assign(globalThis, { callmarkIoBench: api });
