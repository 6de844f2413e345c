import type { ListingData } from '../model/listing';
import type { LookupResult } from '../model/lookup';
import { badgeDetails, badgeView, type BadgeView, type PendingStatus } from './badge-view';
import { BADGE_FLASH_STILL, BADGE_HOST_STYLE, badgeButtonStyle, badgeMarkStyle, badgeStateStyle, type BadgeSize } from './styles';

/**
 * Badges: one per listing, right after the listing's name.
 *
 * Plain DOM, no framework: a page of 1,000 listings gets 1,000 badges, so each
 * costs one element, one shadow root with no stylesheet (inline styles shared
 * by cloning: see ./styles), and a button with one text node: every element,
 * pseudo-element, flex item, paint layer or scroll box more inside a badge cost
 * about 1 to 2.5 KiB of the page's memory per badge, and its share of every
 * layout (measured: bench/bigpage). The shadow root is closed in release builds and the host
 * carries no attribute with a status, reason or note: the page's own scripts
 * and session-replay recorders see an opaque `<callmark-badge>` and nothing else.
 * Events are delegated: one set of capturing listeners on the document serves
 * every badge, and stops the page from seeing clicks on a badge.
 */

export const BADGE_TAG = 'callmark-badge';
export const LAYER_TAG = 'callmark-layer';

/** What the renderer needs of a listing (the detector's Listing satisfies it). */
export interface BadgeSubject {
  readonly key: string;
  anchor: Element;
  data: ListingData;
  result?: LookupResult;
}

export interface BadgeRendererOptions<L extends BadgeSubject> {
  document: Document;
  locale: string;
  /** Open shadow roots and data-* attributes for end-to-end tests; default: the build's __TEST_HOOKS__. */
  testHooks?: boolean;
  /** Click, Enter or Space on a badge. */
  onActivate?(listing: L, host: HTMLElement): void;
  /** Pointer or focus entered (listing) or left (null) a badge. */
  onHover?(listing: L | null, host: HTMLElement): void;
  /** Aborting removes the delegated listeners (WXT ctx.signal). */
  signal?: AbortSignal;
}

export interface BadgeRenderer<L extends BadgeSubject> {
  render(listing: L): void;
  /**
   * Computes what the listing's badge will show (its view, and the badge template)
   * ahead of render(): the drawing frame then only writes to the DOM.
   */
  prepare(listing: L): void;
  unrender(listing: L): void;
  isRendered(listing: L): boolean;
  isOwnNode(node: Node): boolean;
  hostOf(listing: L): HTMLElement | undefined;
  listingOf(host: Element): L | undefined;
  viewOf(listing: L): BadgeView;
  /** The tooltip's lines (computed on demand, not for every badge drawn). */
  detailsOf(listing: L): Array<[string, string]>;
  /** Normal or compact, for every badge of the page at once (settings → Badge size). */
  setSize(size: BadgeSize): void;
  /** Shows a status before the background confirms it; undefined drops it. */
  setPending(listing: L, pending: PendingStatus | undefined): void;
  flash(listing: L): void;
  focus(listing: L): void;
}

interface Badge {
  host: HTMLElement;
  /**
   * Its one text node (icon and label) is not kept: every DOM node a content
   * script holds keeps an entry in its world's wrapper map.
   */
  button: HTMLButtonElement;
  /** What is written in the badge's DOM now, field by field: only changes are written. */
  shown: Shown;
}

/** The badge's DOM state: button attributes, its style and its text. */
interface Shown {
  /** The size its styles are for. */
  size: BadgeSize;
  /** badgeStateStyle() written after the button's own style. */
  look: string;
  /** The qualifier and the "differs" dot, in a span after the text ('' without one). */
  mark: string;
  s: string;
  m: string;
  q: string;
  st: boolean;
  d: boolean;
  p: boolean;
  aria: string;
  text: string;
}

/**
 * What the badge shows in its one text node. Normal: icon and label. Compact:
 * the icon alone, or with a call-back's date. The words are in the aria-label
 * either way.
 */
export function badgeText(view: BadgeView, size: BadgeSize): string {
  if (size === 'normal') return `${view.icon} ${view.label}`;
  return view.date ? `${view.icon} ${view.date}` : view.icon;
}

/** Ours: `callmark-badge`, `callmark-layer`, or the fallback names below. */
export const isOwnNode = (node: Node): boolean => node.nodeType === 1 && (node as Element).localName.startsWith('callmark-');

/**
 * Creates a host element with a shadow root of ours. A page may define a custom
 * element under our tag name (custom element registries are shared with the
 * page, unlike its prototypes): its constructor may take the shadow root first,
 * and its code would run in each of our hosts as we insert them (the detector
 * does not watch its own insertions). Then the host gets a name of our own the
 * page cannot know in advance.
 */
export function ownHost(doc: Document, tag: string, mode: ShadowRootMode): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(takenTags.get(tag) ?? tag);
  const root = claimShadow(host, mode);
  if (root) return { host, root };
  const other = doc.createElement(takeOwnName(tag));
  return { host: other, root: other.attachShadow({ mode }) };
}

/** From now on, hosts of `tag` go under a random name of our own. */
function takeOwnName(tag: string): string {
  const name = `${tag}-${crypto.randomUUID().slice(0, 8)}`;
  takenTags.set(tag, name);
  return name;
}

/** The host's shadow root, or null when the page's own definition of its name took the host (or its root). */
function claimShadow(host: HTMLElement, mode: ShadowRootMode): ShadowRoot | null {
  try {
    return isDefined(host) ? null : host.attachShadow({ mode });
  } catch {
    return null;
  }
}
/** Whether a custom element name of ours has a definition (the page's: we never define one). */
function isDefined(el: Element): boolean {
  try {
    return el.matches(':defined');
  } catch {
    return false; // an environment without :defined (jsdom's selector engine)
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const takenTags = new Map<string, string>();

export function createBadgeRenderer<L extends BadgeSubject>(options: BadgeRendererOptions<L>): BadgeRenderer<L> {
  const doc = options.document;
  const testHooks = options.testHooks ?? __TEST_HOOKS__;
  /** Every badge drawn and not removed (the detector unrenders each listing it forgets). */
  const badges = new Map<L, Badge>();
  const byHost = new WeakMap<Element, L>();
  const pending = new WeakMap<L, PendingStatus>();

  /**
   * The badge, parsed once per page (and size) and cloned: a host and a button
   * already showing "new" (most listings on a page are not in the base), so
   * drawing such a badge writes nothing but its clone. Parsed, not built with
   * setAttribute: a parsed element shares its attributes, and so its parsed inline
   * style, with every clone of it (setAttribute gave each its own: 1.1 KiB).
   */
  let size: BadgeSize = 'normal';
  let template: { tag: string; host: HTMLElement; button: HTMLButtonElement } | undefined;
  let initial: Shown | undefined;
  function buildTemplate(): NonNullable<typeof template> {
    const view = badgeView({ directory: '', name: '', phones: [] }, undefined, options.locale);
    initial = { size, look: '', mark: '', s: view.status, m: view.match, q: view.qualifier, st: false, d: false, p: false, aria: view.ariaLabel, text: badgeText(view, size) };
    const tag = takenTags.get(BADGE_TAG) ?? BADGE_TAG;
    const tpl = doc.createElement('template');
    tpl.innerHTML =
      `<${tag} style="${escapeHtml(BADGE_HOST_STYLE)}"></${tag}>` +
      `<button type="button" class="b" style="${escapeHtml(badgeButtonStyle(size))}" aria-label="${escapeHtml(initial.aria)}">${escapeHtml(initial.text)}</button>`;
    const [host, button] = [...tpl.content.children] as [HTMLElement, HTMLButtonElement];
    return (template = { tag, host, button });
  }

  function create(listing: L): Badge {
    // The host carries only its neutral style in release builds: no status, no name.
    // `__TEST_HOOKS__ &&` first: release builds fold this to 'closed' and drop the test hooks below.
    const mode = __TEST_HOOKS__ && testHooks ? 'open' : 'closed';
    let t = template && template.tag === (takenTags.get(BADGE_TAG) ?? BADGE_TAG) ? template : buildTemplate();
    let host = doc.importNode(t.host, false);
    let root = claimShadow(host, mode);
    if (!root) {
      // The page defined our tag name: a name of our own from now on (see ownHost).
      takeOwnName(BADGE_TAG);
      t = buildTemplate();
      host = doc.importNode(t.host, false);
      root = host.attachShadow({ mode });
    }
    const button = doc.importNode(t.button, true);
    root.appendChild(button);
    const badge: Badge = { host, button, shown: { ...initial! } };
    badges.set(listing, badge);
    byHost.set(host, listing);
    return badge;
  }

  const viewOf = (listing: L): BadgeView => badgeView(listing.data, listing.result, options.locale, pending.get(listing));
  /** Views worked out by prepare(), for the result they were computed from (a pending status is never prepared). */
  const prepared = new WeakMap<L, { result: LookupResult | undefined; view: BadgeView }>();
  function viewToDraw(listing: L): BadgeView {
    const ready = prepared.get(listing);
    prepared.delete(listing);
    return ready && ready.result === listing.result && !pending.has(listing) ? ready.view : viewOf(listing);
  }

  function update(listing: L, badge: Badge): void {
    const view = viewToDraw(listing);
    const { button, shown } = badge;
    const set = (key: 's' | 'm' | 'q' | 'aria', attr: string, value: string) => {
      if (shown[key] === value) return;
      shown[key] = value;
      if (key !== 'aria' && value === initial![key]) button.removeAttribute(attr);
      else button.setAttribute(attr, value);
    };
    const flag = (key: 'st' | 'd' | 'p', value: boolean) => {
      if (shown[key] !== value) toggle(button, key, (shown[key] = value));
    };
    set('s', 'data-s', view.status);
    set('m', 'data-m', view.match);
    set('q', 'data-q', view.qualifier);
    set('aria', 'aria-label', view.ariaLabel);
    flag('st', view.stale);
    flag('d', view.changed);
    flag('p', pending.has(listing));
    const text = badgeText(view, size);
    if (shown.text !== text) (button.firstChild as Text).data = shown.text = text;
    const look = badgeStateStyle({ status: view.status === initial!.s ? undefined : view.status, match: view.match, stale: view.stale, pending: pending.has(listing) });
    const resized = shown.size !== size;
    if (shown.look !== look || resized) {
      shown.look = look;
      button.setAttribute('style', look ? `${badgeButtonStyle(size)};${look}` : badgeButtonStyle(size));
    }
    const mark = view.changed ? `${view.qualifier} ●`.trim() : view.qualifier;
    if (shown.mark !== mark || resized) {
      button.querySelector('span')?.remove();
      if (mark) {
        const span = doc.createElement('span');
        span.setAttribute('style', badgeMarkStyle(size, view.changed));
        span.textContent = mark;
        button.appendChild(span);
      }
      shown.mark = mark;
    }
    shown.size = size;
    if (__TEST_HOOKS__ && testHooks) {
      badge.host.setAttribute('data-status', view.status);
      badge.host.setAttribute('data-match', view.match);
      badge.host.setAttribute('data-name', listing.data.name);
    }
  }

  function render(listing: L): void {
    const badge = badges.get(listing) ?? create(listing);
    const anchor = listing.anchor;
    if (badge.host.previousSibling !== anchor || !badge.host.isConnected) anchor.after(badge.host);
    update(listing, badge);
  }

  function unrender(listing: L): void {
    const badge = badges.get(listing);
    if (!badge) return;
    badges.delete(listing);
    byHost.delete(badge.host);
    badge.host.remove();
  }

  // ---- delegated events --------------------------------------------------------

  const hostOfEvent = (event: Event): HTMLElement | null => {
    const target = event.target as Node | null;
    return target && target.nodeType === 1 && (target as Element).localName.startsWith(BADGE_TAG) ? (target as HTMLElement) : null;
  };
  const listen = (type: string, handler: (event: Event, host: HTMLElement, listing: L) => void) =>
    doc.addEventListener(
      type,
      (event) => {
        const host = hostOfEvent(event);
        const listing = host && byHost.get(host);
        if (host && listing) handler(event, host, listing);
      },
      { capture: true, signal: options.signal },
    );

  // The page must not act on a click meant for the badge (a card link under it must not navigate).
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'auxclick', 'contextmenu', 'touchstart', 'touchend']) {
    listen(type, (event) => event.stopImmediatePropagation());
  }
  listen('click', (event, host, listing) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    options.onActivate?.(listing, host);
  });
  listen('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    // Enter and Space activate the button (a click follows); the page's card must not see them.
    if (key === 'Enter' || key === ' ') event.stopImmediatePropagation();
  });
  listen('keyup', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') event.stopImmediatePropagation();
  });
  listen('mouseover', (_event, host, listing) => options.onHover?.(listing, host));
  listen('focusin', (_event, host, listing) => options.onHover?.(listing, host));
  listen('mouseout', (event, host) => {
    if ((event as MouseEvent).relatedTarget !== host) options.onHover?.(null, host);
  });
  listen('focusout', (_event, host) => options.onHover?.(null, host));

  return {
    render,
    prepare(listing) {
      if (!template) buildTemplate(); // its words are looked up now, not in the drawing frame
      prepared.set(listing, { result: listing.result, view: viewOf(listing) });
    },
    unrender,
    isRendered: (listing) => badges.get(listing)?.host.isConnected === true,
    isOwnNode,
    hostOf: (listing) => badges.get(listing)?.host,
    listingOf: (host) => byHost.get(host),
    viewOf,
    detailsOf: (listing) => badgeDetails(listing.data, listing.result, options.locale, pending.get(listing)),
    setSize(next) {
      if (next === size) return;
      size = next;
      template = undefined; // the next clone has the new size's look and text
      for (const [listing, badge] of badges) update(listing, badge);
    },
    setPending(listing, status) {
      if (status) pending.set(listing, status);
      else pending.delete(listing);
      const badge = badges.get(listing);
      if (badge) update(listing, badge);
      else if (status) render(listing);
    },
    flash(listing) {
      const badge = badges.get(listing);
      if (!badge) return;
      const { button } = badge;
      // A pulse by the Web Animations API: CSS @keyframes need a stylesheet in the badge's
      // shadow root, and gave every badge's style scope a keyframes map (0.13 KiB a badge).
      const still = doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      if (!still && typeof button.animate === 'function') {
        for (const running of button.getAnimations()) running.cancel();
        button.animate([{ boxShadow: '0 0 0 0 rgba(37,99,235,.9)' }, { boxShadow: '0 0 0 10px rgba(37,99,235,0)' }], { duration: 1200, easing: 'ease-out', iterations: 2 });
        return;
      }
      // Reduced motion: an outline for a moment instead of a pulse.
      const [prop, value] = BADGE_FLASH_STILL.split(':') as [string, string];
      button.style.setProperty(prop, value);
      setTimeout(() => button.style.setProperty(prop, 'revert'), 2600);
    },
    focus(listing) {
      badges.get(listing)?.button.focus({ preventScroll: true });
    },
  };
}

function toggle(el: HTMLElement, key: string, on: boolean): void {
  if (on) el.setAttribute(`data-${key}`, '');
  else el.removeAttribute(`data-${key}`);
}
