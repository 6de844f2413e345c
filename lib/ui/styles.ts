/**
 * Styles of the on-page UI. A badge is styled inline, by declarations parsed
 * once in a template and shared by every clone of it: a stylesheet in each
 * badge's shadow root, even one shared constructed sheet, gave every badge a
 * style scope of its own, 1.7 KiB of the page's memory a badge (bench/bigpage's
 * zoon page, a Blink heap dump by class). The layer (menu, tooltip, toast), one
 * per page, has a sheet: adoptedStyleSheets, or a <style> where constructed
 * sheets cannot be adopted.
 */

/**
 * The badge host's own look, its inline style, all !important: important inline
 * declarations win over the page's important rules, so the page's CSS can neither
 * restyle nor hide a badge, and a badge never pushes the layout around (inline,
 * small, no positioning, a small gap after the name). It says nothing of the status.
 */
export const BADGE_HOST_STYLE = [
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

export type BadgeSize = 'compact' | 'normal';

/**
 * The badge button's look for a new listing, per size. `outline:revert` keeps the
 * browser's own focus ring (`all:unset` would drop it). Compact (settings → Badge
 * size): smaller, its text the icon and qualifier only (badgeText).
 */
export function badgeButtonStyle(size: BadgeSize): string {
  const box = size === 'compact' ? 'height:13px;padding:0 3px;border-radius:7px;font-size:10px;line-height:11px' : 'height:16px;padding:0 6px;border-radius:8px';
  return (
    `all:unset;box-sizing:border-box;display:inline-block;border:1px solid #94a3b8;background:#f8fafc;color:#475569;${FONT};font-weight:500;` +
    `cursor:pointer;white-space:nowrap;user-select:none;-webkit-user-select:none;vertical-align:middle;outline:revert;${box}`
  );
}

/** Border, background and text colour by status (a new listing keeps the button's own). */
const STATUS_LOOK: Readonly<Record<string, string>> = {
  no_answer: 'border-color:#d97706;background:#fffbeb;color:#92400e',
  callback: 'border-color:#2563eb;background:#eff6ff;color:#1e40af',
  interested: 'border-color:#7c3aed;background:#f5f3ff;color:#5b21b6',
  client: 'border-color:#16a34a;background:#f0fdf4;color:#166534',
  refused: 'border-color:#dc2626;background:#fef2f2;color:#991b1b',
  not_user: 'border-color:#6b7280;background:#f3f4f6;color:#374151',
  closed: 'border-color:#111827;background:#e5e7eb;color:#111827',
  wrong_number: 'border-color:#ea580c;background:#fff7ed;color:#9a3412',
  do_not_call: 'border-color:#7f1d1d;background:#7f1d1d;color:#fff',
};

/** What a badge's state adds to the button's look; '' for a new listing's badge. */
export function badgeStateStyle(state: { status?: string; match?: string; stale: boolean; pending: boolean }): string {
  const out: string[] = [];
  if (state.status) out.push('font-weight:600', STATUS_LOOK[state.status] ?? '');
  if (state.match === 'likely' || state.match === 'several') out.push('border-style:dashed;background:#fff');
  if (state.stale) out.push('opacity:.72;text-decoration:underline dotted');
  if (state.pending) out.push('opacity:.8');
  return out.filter(Boolean).join(';');
}

/** The qualifier ("?", "2?") and the "differs" dot, after the label. */
export const badgeMarkStyle = (size: BadgeSize, differs: boolean) => `margin-left:${size === 'compact' ? 2 : 3}px;font-weight:700${differs ? ';color:#d97706' : ''}`;

/** A moment's outline where motion is reduced, instead of the pulse. */
export const BADGE_FLASH_STILL = 'outline:3px solid #2563eb';


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

/** Gives a shadow root its styles: the shared sheet when possible, else a <style> element. */
export function adoptStyles(root: ShadowRoot, css: string): void {
  const doc = root.ownerDocument;
  const sheet = sharedSheet(doc, css);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts may refuse a sheet made in the isolated world.
      sheets.get(doc)!.set(css, null);
    }
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.appendChild(style);
}
