/**
 * Runs `start` once a section of the options page is wanted: the page was
 * opened at its anchor (`#base`), the user went there, or it scrolled near the
 * viewport. Every section shares one page, and on a base of 100,000 companies
 * the ones nobody looks at must not slow the one that was opened.
 */
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
  watch.observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: '200px 0px' });
  watch.observer.observe(el);
  return () => {
    watch.observer?.disconnect();
    removeEventListener('hashchange', onHash);
  };
}
