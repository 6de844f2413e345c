/** True only in builds made with CALLMARK_TEST_HOOKS=1 (see wxt.config.ts). */
declare const __TEST_HOOKS__: boolean;

/** Vite: a worker entry bundled as its own file, imported as that file's URL. */
declare module '*?worker&url' {
  const url: string;
  export default url;
}
