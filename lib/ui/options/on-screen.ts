/**
 * Runs `start` once a section of the options page is wanted: the page was
 * opened at its anchor (`#base`), the user went there, or it is in view for a
 * moment (250 ms). Every section shares one page, and on a base of 100,000 companies
 * the ones nobody looks at must not slow the one that was opened.
 */
const SETTLE_MS = 250;

export function whenOnScreen(el: Element | null, anchor: string, start: () => void): () => void {
  let started = false;
  const watch: { observer?: IntersectionObserver } = {};
  const go = () => {
    if (started) return;
    started = true;
    watch.observer?.disconnect();
    removeEventListener('hashchange', onHash);
    start();
  };
  const onHash = () => location.hash === `#${anchor}` && go();
  if (location.hash === `#${anchor}` || !el || typeof IntersectionObserver === 'undefined') {
    go();
    return () => undefined;
  }
  addEventListener('hashchange', onHash);
  // In view for a moment, not just at the first frame: a page opened at another
  // section's anchor starts at the top and then scrolls there.
  let settle: ReturnType<typeof setTimeout> | undefined;
  watch.observer = new IntersectionObserver(
    (entries) => {
      clearTimeout(settle);
      if (entries[entries.length - 1]?.isIntersecting) settle = setTimeout(go, SETTLE_MS);
    },
    { rootMargin: '0px' },
  );
  watch.observer.observe(el);
  return () => {
    clearTimeout(settle);
    watch.observer?.disconnect();
    removeEventListener('hashchange', onHash);
  };
}
