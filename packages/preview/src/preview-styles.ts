/**
 * The preview's look, inside its shadow root (page styles cannot reach it, and it cannot reach
 * the page). A constructed stylesheet needs no CSP allowance; without one, a `<style>` carrying
 * the page's nonce.
 */
const CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { position: fixed; inset: 0; z-index: 2147483647;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; }
.backdrop { position: fixed; inset: 0; background: rgba(17, 24, 39, 0.12); cursor: default; }
.layer { position: fixed; inset: 0; pointer-events: none; }
.box { position: fixed; pointer-events: auto; border: 2px solid #1d4ed8; background: rgba(29, 78, 216, 0.06);
  border-radius: 2px; cursor: pointer; }
.box.action { border: 1px dashed #7e22ce; background: transparent; }
.box.masked { border-color: #c2410c;
  background: repeating-linear-gradient(45deg, rgba(194, 65, 12, 0.14) 0 6px, transparent 6px 12px); }
.box.secret { border-color: #b91c1c; background: rgba(185, 28, 28, 0.10); }
.box.masked::after, .box.secret::after { pointer-events: none; position: absolute; top: -1.35em; left: -2px;
  padding: 0 4px; font-size: 11px; line-height: 1.3; color: #fff; border-radius: 2px; white-space: nowrap; }
.box.masked::after { content: "text masked"; background: #c2410c; }
.box.secret::after { content: "nothing typed is captured"; background: #b91c1c; }
.box:hover, .box.current { background-color: rgba(29, 78, 216, 0.18); }
.box[aria-selected="true"] { border-width: 3px; }
.box:focus-visible, button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.layer.hide-actions .box.action { display: none; }
.panel { position: fixed; right: 12px; bottom: 12px; width: min(420px, calc(100vw - 24px));
  max-height: calc(100vh - 24px); overflow: auto; background: #fff; border: 1px solid #d1d5db; border-radius: 8px;
  box-shadow: 0 10px 30px rgba(0, 0, 0, 0.25); padding: 12px 14px; }
.panel.left { right: auto; left: 12px; }
.head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
h2 { font-size: 15px; margin: 0; }
h3 { font-size: 13px; margin: 12px 0 4px; }
p { margin: 6px 0; }
.notice { padding: 6px 8px; background: #fef3c7; border-radius: 4px; }
dl { margin: 4px 0; display: grid; grid-template-columns: minmax(0, 40%) minmax(0, 60%); gap: 2px 8px; }
dt { color: #4b5563; overflow-wrap: anywhere; }
dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px;
  overflow-wrap: anywhere; white-space: pre-wrap; }
ul { margin: 4px 0; padding-left: 18px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; background: #f3f4f6;
  padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; user-select: all; }
button { font: inherit; color: inherit; border: 1px solid #9ca3af; background: #f9fafb; border-radius: 4px;
  padding: 2px 8px; cursor: pointer; }
button[aria-pressed="true"] { background: #e0e7ff; }
.tools { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
.copy { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
.legend-tracked { color: #1d4ed8; font-weight: 600; }
.legend-action { color: #7e22ce; font-weight: 600; }
`;

/** Styles `root`; they go away with it. */
export function applyStyles(root: ShadowRoot, nonce: string | undefined): void {
  const document = root.ownerDocument;
  const view = document.defaultView as (Window & { CSSStyleSheet?: typeof CSSStyleSheet }) | null;
  try {
    if (view && view.CSSStyleSheet && 'adoptedStyleSheets' in root) {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // no constructable stylesheets here: fall back to a <style> element
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = CSS;
  root.appendChild(style);
}
