/**
 * Styles of the on-page UI. Each lives in its own shadow root; one constructed
 * stylesheet per document is shared by every badge (adoptedStyleSheets), with a
 * <style> fallback where constructed sheets cannot be adopted.
 */

/**
 * The badge host's own look, as :host rules of the shared sheet, all !important:
 * for important declarations the shadow tree's win over the page's, so the page's
 * CSS can neither restyle nor hide a badge, and a badge never pushes the layout
 * around (inline, small, no positioning, a small gap after the name).
 */
const BADGE_HOST = [
  'all:initial',
  'display:inline-block',
  'vertical-align:middle',
  // Static: a positioned host got a paint layer of its own, which the browser's pre-paint walk visits every frame.
  'position:static',
  // Negative vertical margins: the badge's margin box stays shorter than the text's
  // line, so a badge never makes a line taller and never moves what is below it.
  'margin:-3px 0 -3px .3em',
  'padding:0',
  'border:0',
  'width:auto',
  'height:auto',
  'line-height:1',
  'font-size:11px',
  'float:none',
  'z-index:auto',
  'pointer-events:auto',
  'visibility:visible',
  'opacity:1',
  'transform:none',
  'white-space:nowrap',
  'cursor:default',
  // No containment: it made each host a stacking context with a paint layer of its own,
  // 1.3 KiB a badge and more paint work; an inline-block's changes relayout only its line anyway.
]
  .map((rule) => `${rule}!important`)
  .join(';');

/** The layer (menu, tooltip, toast): a 0×0 fixed box at the top of the z-order. */
export const LAYER_HOST_CSS = [
  'all:initial',
  'position:fixed',
  'top:0',
  'left:0',
  'width:0',
  'height:0',
  'overflow:visible',
  'z-index:2147483647',
  'display:block',
  'pointer-events:none',
  'visibility:visible',
  'opacity:1',
  'transform:none',
]
  .map((rule) => `${rule}!important`)
  .join(';');

const FONT = `font:11px/14px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif`;

export const BADGE_CSS = `
:host{${BADGE_HOST}}
.b{all:unset;box-sizing:border-box;display:inline-block;height:16px;padding:0 6px;
  border:1px solid #94a3b8;border-radius:8px;background:#f8fafc;color:#475569;${FONT};font-weight:500;cursor:pointer;
  white-space:nowrap;user-select:none;-webkit-user-select:none;vertical-align:middle}
.b:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.b:hover{filter:brightness(.96)}
.b[data-q]::after{content:attr(data-q);margin-left:3px;font-weight:700}
.b[data-d]::after{content:attr(data-q) " ●";margin-left:3px;font-weight:700;color:#d97706}
.b[data-m=likely],.b[data-m=several]{border-style:dashed;background:#fff}
.b[data-st]{opacity:.72;text-decoration:underline dotted}
.b[data-p]{opacity:.8}
.b[data-s]{font-weight:600}
.b[data-s=no_answer]{border-color:#d97706;background:#fffbeb;color:#92400e}
.b[data-s=callback]{border-color:#2563eb;background:#eff6ff;color:#1e40af}
.b[data-s=interested]{border-color:#7c3aed;background:#f5f3ff;color:#5b21b6}
.b[data-s=client]{border-color:#16a34a;background:#f0fdf4;color:#166534}
.b[data-s=refused]{border-color:#dc2626;background:#fef2f2;color:#991b1b}
.b[data-s=not_user]{border-color:#6b7280;background:#f3f4f6;color:#374151}
.b[data-s=closed]{border-color:#111827;background:#e5e7eb;color:#111827}
.b[data-s=wrong_number]{border-color:#ea580c;background:#fff7ed;color:#9a3412}
.b[data-s=do_not_call]{border-color:#7f1d1d;background:#7f1d1d;color:#fff}
.b[data-m=likely][data-s],.b[data-m=several][data-s]{background:#fff}
.b.flash{outline:3px solid #2563eb}
`;

/**
 * The compact badge (settings → Badge size): smaller, and its text is the icon
 * and qualifier only (a call-back keeps its date: badgeText); the full label
 * stays in its aria-label and the tooltip. A sheet of its own on top of
 * BADGE_CSS, switched on and off for every badge of a page at once (setBadgeSize).
 */
export const BADGE_COMPACT_CSS = `
.b{height:13px;padding:0 3px;border-radius:7px;font-size:10px;line-height:11px}
.b::after{margin-left:2px}
`;

export type BadgeSize = 'compact' | 'normal';

export const LAYER_CSS = `
:host{all:initial}
*{box-sizing:border-box}
.tip,.menu,.toast{position:fixed;pointer-events:auto;${FONT};color:#0f172a;background:#fff;border:1px solid #cbd5e1;
  border-radius:8px;box-shadow:0 6px 24px rgba(15,23,42,.18);text-align:left;direction:ltr}
.tip{max-width:320px;padding:6px 8px;pointer-events:none;font-size:12px;line-height:17px}
.tip[hidden],.menu[hidden],.toast[hidden]{display:none}
.tip .n{font-weight:700;margin-bottom:2px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tip .k{color:#64748b}
.tip .h{color:#64748b;margin-top:3px;font-size:11px}
.tip div{overflow-wrap:anywhere}
.tip bdi,.menu bdi{unicode-bidi:isolate}
.tip .v{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;overflow:hidden}
.menu h2 bdi,.menu .nm{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.menu .cands button .nm{flex:0 1 auto}
.menu{width:280px;max-height:min(480px,calc(100vh - 16px));overflow:auto;padding:8px;font-size:12px;line-height:16px}
.menu h2{all:unset;display:block;font-weight:700;font-size:12px;margin:0 0 6px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.menu .grid{display:grid;grid-template-columns:1fr 1fr;gap:4px}
.menu button{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:5px;padding:4px 6px;border:1px solid #e2e8f0;border-radius:6px;
  cursor:pointer;font:inherit;color:inherit;background:#fff;min-height:26px}
.menu button:hover{background:#f1f5f9}
.menu button:focus-visible{outline:2px solid #2563eb;outline-offset:1px}
.menu button[aria-pressed=true]{border-color:#2563eb;background:#eff6ff}
.menu button[disabled]{opacity:.5;cursor:default}
.menu .num{color:#94a3b8;font-size:10px;min-width:8px}
.menu .ico{width:12px;text-align:center}
.menu .row{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}
.menu label{display:block;margin:6px 0 2px;color:#475569}
.menu input,.menu textarea,.menu select{all:unset;box-sizing:border-box;display:block;width:100%;padding:4px 6px;border:1px solid #cbd5e1;
  border-radius:6px;font:inherit;color:inherit;background:#fff}
.menu textarea{min-height:36px;white-space:pre-wrap}
.menu input:focus,.menu textarea:focus,.menu select:focus{border-color:#2563eb;outline:1px solid #2563eb}
.menu .save{background:#2563eb;color:#fff;border-color:#2563eb;justify-content:center;font-weight:600}
.menu .save:hover{background:#1d4ed8}
.menu .actions{display:flex;gap:6px;justify-content:flex-end;margin-top:8px}
.menu .err{margin:6px 0;padding:4px 6px;border-radius:6px;background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
.menu .cands{margin:0 0 6px}
.menu .cands button{width:100%;margin-bottom:3px}
.menu .sub{color:#64748b;font-size:11px}
.menu fieldset{all:unset;display:block}
.toast{display:flex;gap:8px;align-items:center;padding:5px 8px;font-size:12px}
.toast button{all:unset;cursor:pointer;color:#2563eb;font-weight:700;padding:0 2px}
.toast button:focus-visible{outline:2px solid #2563eb}
.toast.bad{border-color:#fecaca;background:#fef2f2;color:#991b1b}
`;

/** One constructed sheet per (document, css); null where they are not supported. */
const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

function sharedSheet(doc: Document, css: string): CSSStyleSheet | null {
  let byCss = sheets.get(doc);
  if (!byCss) sheets.set(doc, (byCss = new Map()));
  if (!byCss.has(css)) byCss.set(css, newSheet(doc, css));
  return byCss.get(css)!;
}

/** A constructed sheet of the page's realm, or null where there is none (or it refuses the CSS). */
function newSheet(doc: Document, css: string): CSSStyleSheet | null {
  try {
    const Ctor = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
    if (!Ctor || !('replaceSync' in Ctor.prototype)) return null;
    const sheet = new Ctor();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null;
  }
}

/**
 * The badges' sheet of each document, one for every badge: BADGE_CSS, plus
 * BADGE_COMPACT_CSS for compact badges (one sheet: a second adopted sheet per
 * shadow root cost memory on every badge).
 */
const badgeSheets = new WeakMap<Document, { size: BadgeSize; sheet: CSSStyleSheet | null }>();

function badgeSheetOf(doc: Document) {
  let s = badgeSheets.get(doc);
  if (!s) badgeSheets.set(doc, (s = { size: 'normal', sheet: newSheet(doc, BADGE_CSS) }));
  return s;
}

const badgeCss = (size: BadgeSize) => (size === 'compact' ? BADGE_CSS + BADGE_COMPACT_CSS : BADGE_CSS);

/** Every badge of the document takes this size at once (badges in <style> fallbacks: those drawn from now on). */
export function setBadgeSize(doc: Document, size: BadgeSize): void {
  const s = badgeSheetOf(doc);
  if (s.size === size) return;
  s.size = size;
  try {
    s.sheet?.replaceSync(badgeCss(size));
  } catch {
    s.sheet = null;
  }
}

/**
 * Gives a shadow root its styles: the shared sheet when possible, else a <style>
 * element. `sized`: a badge, whose sheet follows the document's badge size.
 */
export function adoptStyles(root: ShadowRoot, css: string, sized = false): void {
  const doc = root.ownerDocument;
  const badges = sized ? badgeSheetOf(doc) : undefined;
  const sheet = badges ? badges.sheet : sharedSheet(doc, css);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts may refuse a sheet made in the isolated world.
      if (badges) badges.sheet = null;
      else sheets.get(doc)!.set(css, null);
    }
  }
  const style = doc.createElement('style');
  style.textContent = badges ? badgeCss(badges.size) : css;
  root.appendChild(style);
}
