/**
 * fflate, with its asynchronous zip and unzip done in the calling thread.
 * fflate runs them in `blob:` workers, which the extension's CSP refuses (a
 * Manifest V3 page may start workers only from its own files), so
 * read-excel-file and write-excel-file would fail on any sheet over a few
 * hundred kilobytes. They only ever run inside our own import/export worker,
 * where blocking the thread harms nothing. wxt.config.ts aliases `fflate` here.
 */
// @ts-expect-error: the real module, reached by the alias `fflate-original` (wxt.config.ts)
import * as original from 'fflate-original';

// @ts-expect-error: see above
export * from 'fflate-original';

type Callback = (error: Error | null, data: unknown) => void;
type Fflate = { zipSync(data: unknown, opts?: unknown): unknown; unzipSync(data: unknown, opts?: unknown): unknown };
const sync = original as Fflate;

function inThread(run: (data: unknown, opts: unknown) => unknown) {
  return (data: unknown, opts: unknown, cb?: Callback): (() => void) => {
    const done = (cb ?? opts) as Callback;
    const options = cb ? opts : {};
    // Answer after the caller has returned, as the asynchronous version does.
    queueMicrotask(() => {
      let result: unknown;
      try {
        result = run(data, options);
      } catch (error) {
        done(error as Error, null);
        return;
      }
      done(null, result);
    });
    return () => {};
  };
}

export const zip = inThread((d, o) => sync.zipSync(d, o));
export const unzip = inThread((d, o) => sync.unzipSync(d, o));
