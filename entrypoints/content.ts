import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '../lib/detect/main';
import { ADAPTERS, adapterFor } from '../lib/sites';

// Directory pages: every adapter's URL patterns. Wiring only; see lib/detect/.
export default defineContentScript({
  matches: [...new Set(ADAPTERS.flatMap((adapter) => adapter.matches))],
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, adapterFor);
  },
});
