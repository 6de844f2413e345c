import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '../lib/detect/main';
import { adapterFor, GENERIC_ADAPTER } from '../lib/sites';

// Sites the user turned on: registered at run time (lib/detect/registration.ts),
// so the manifest asks for no host permission for them. Built to
// content-scripts/generic.js. Directory pages keep their own adapter.
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    runContentScript(ctx, (url) => (adapterFor(url) ? undefined : GENERIC_ADAPTER));
  },
});
