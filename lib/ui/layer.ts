import type { BadgeView } from './badge-view';
import { LAYER_TAG, ownHost } from './badge';
import { t } from './i18n';
import { adoptStyles, LAYER_CSS, LAYER_HOST_CSS } from './styles';

/**
 * The one floating layer of the page: tooltip, call menu and toast live in a
 * single `<callmark-layer>` appended to <html>, in its own shadow root (closed
 * in release builds), fixed-positioned beside the badge they belong to. Being
 * outside the listing's card, nothing in it is clipped by the card's overflow
 * or caught by the card's click handlers.
 */
export interface Layer {
  readonly root: ShadowRoot;
  readonly host: HTMLElement;
  /** Re-attaches the host if a page script removed it. */
  ensure(): void;
  /** A fresh container element in the layer (menu, toast). */
  container(className: string): HTMLElement;
  showTip(anchor: Element, name: string, view: BadgeView, details: Array<[string, string]>): void;
  hideTip(): void;
  destroy(): void;
}

const GAP = 4;
const MARGIN = 8;

/** Puts `el` (position: fixed) beside `rect`: below if it fits, else above; always inside the viewport. */
export function placeBeside(el: HTMLElement, rect: DOMRect, win: Window): void {
  const vw = win.innerWidth || win.document.documentElement.clientWidth;
  const vh = win.innerHeight || win.document.documentElement.clientHeight;
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  let top = rect.bottom + GAP;
  if (top + h > vh - MARGIN && rect.top - GAP - h >= MARGIN) top = rect.top - GAP - h;
  top = Math.max(MARGIN, Math.min(top, vh - h - MARGIN));
  let left = rect.left;
  left = Math.max(MARGIN, Math.min(left, vw - w - MARGIN));
  el.style.top = `${Math.round(top)}px`;
  el.style.left = `${Math.round(left)}px`;
}

/** Puts `el` on the badge's own line, just after it (a toast must not cover the next listing); below when there is no room. */
export function placeAfter(el: HTMLElement, rect: DOMRect, win: Window): void {
  const vw = win.innerWidth || win.document.documentElement.clientWidth;
  const w = el.offsetWidth;
  if (rect.right + GAP * 2 + w <= vw - MARGIN) {
    const vh = win.innerHeight || win.document.documentElement.clientHeight;
    const top = Math.max(MARGIN, Math.min(rect.top + rect.height / 2 - el.offsetHeight / 2, vh - el.offsetHeight - MARGIN));
    el.style.top = `${Math.round(top)}px`;
    el.style.left = `${Math.round(rect.right + GAP * 2)}px`;
  } else {
    placeBeside(el, rect, win);
  }
}

export function createLayer(doc: Document, testHooks: boolean = __TEST_HOOKS__): Layer {
  const { host, root } = ownHost(doc, LAYER_TAG, __TEST_HOOKS__ && testHooks ? 'open' : 'closed');
  host.style.cssText = LAYER_HOST_CSS;
  adoptStyles(root, LAYER_CSS);
  const tip = doc.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  root.appendChild(tip);

  const ensure = () => {
    if (!host.isConnected) (doc.documentElement ?? doc.body).appendChild(host);
  };

  return {
    root,
    host,
    ensure,
    container(className) {
      ensure();
      const el = doc.createElement('div');
      el.className = className;
      root.appendChild(el);
      return el;
    },
    showTip(anchor, name, view, details) {
      ensure();
      tip.replaceChildren();
      const title = doc.createElement('div');
      title.className = 'n';
      // Text from the page or the base goes in <bdi>, as text: isolated from our own words, clamped by CSS.
      const isolated = (text: string) => {
        const bdi = doc.createElement('bdi');
        bdi.textContent = text;
        return bdi;
      };
      title.append(`${view.label}${view.qualifier ? ` ${view.qualifier}` : ''} · `, isolated(name));
      tip.appendChild(title);
      for (const [key, value] of details) {
        const line = doc.createElement('div');
        if (key) {
          const k = doc.createElement('span');
          k.className = 'k';
          k.textContent = `${key}: `;
          line.className = 'v';
          line.append(k, isolated(value));
        } else {
          line.textContent = value;
        }
        tip.appendChild(line);
      }
      const hint = doc.createElement('div');
      hint.className = 'h';
      hint.textContent = t('badge_hint');
      tip.appendChild(hint);
      tip.hidden = false;
      placeBeside(tip, anchor.getBoundingClientRect(), doc.defaultView!);
    },
    hideTip() {
      tip.hidden = true;
    },
    destroy() {
      host.remove();
    },
  };
}
