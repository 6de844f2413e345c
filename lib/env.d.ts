/** True only in builds made with CALLMARK_TEST_HOOKS=1 (see wxt.config.ts). */
declare const __TEST_HOOKS__: boolean;
