import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// Test hooks (open shadow roots, data-* attributes on badges and menus) exist only in
// builds made with CALLMARK_TEST_HOOKS=1; such builds go to their own folder so a test
// build can never be mistaken for a release.
const testHooks = process.env.CALLMARK_TEST_HOOKS === '1';

export default defineConfig({
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  outDir: testHooks ? '.output-test' : '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'scripting', 'activeTab'],
    optional_host_permissions: ['*://*/*'],
    // No remote code and no eval: only the extension's own scripts run in its pages.
    // (connect-src stays open: a team server the user sets may live on any host.)
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    },
    // Neither web pages nor other extensions may message the background.
    ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [] as string[] } }),
    action: { default_title: '__MSG_extName__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpenPopup__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'callmark@callmark.app',
              // data_collection_permissions needs 140 (the 2025 ESR) on desktop, 142 on Android.
              strict_min_version: '140.0',
              // The base never leaves the browser.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: () => ({
    define: {
      __TEST_HOOKS__: JSON.stringify(testHooks),
    },
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: {
      alias: [
        { find: 'react', replacement: 'preact/compat' },
        { find: 'react-dom', replacement: 'preact/compat' },
        // fflate's async zip/unzip start blob: workers, which the extension's CSP refuses: see lib/io/fflate-in-thread.ts.
        { find: /^fflate$/, replacement: fileURLToPath(new URL('./lib/io/fflate-in-thread.ts', import.meta.url)) },
        { find: /^fflate-original$/, replacement: fileURLToPath(new URL('./node_modules/fflate/esm/browser.js', import.meta.url)) },
      ],
    },
    // The import/export worker (lib/io/worker.ts) is a module worker of our own.
    worker: { format: 'es' },
  }),
});
