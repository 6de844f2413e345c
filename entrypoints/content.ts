import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '../lib/detect/main';
import { ADAPTERS, adapterFor } from '../lib/sites';

// Directory pages: every adapter's URL patterns. Wiring only; see lib/detect/.
export default defineContentScript({
  matches: [...new Set(ADAPTERS.flatMap((adapter) => adapter.matches))],
  runAt: 'document_idle',
  main(ctx) {
    // The script's evaluation (compiling it, building its modules) is a task of its own;
    // starting the overlay in the next one keeps each under 16 ms (together 15-31 ms on
    // the real 2GIS pages, bench/bigpage).
    ctx.setTimeout(() => runContentScript(ctx, adapterFor), 0);
  },
});
