/**
 * The simulators' hosted pages: plain HTML, no framework. Every string that comes
 * from a request or the catalog is escaped here (server side) or set with
 * `textContent` by the page scripts in `assets/`: text only, never markup.
 *
 * Every consent page has the same sandbox panel: a `<select>` named "Sandbox
 * outcome" (what Allow does) and the buttons Allow, Deny and Cancel.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from '../http.mjs';

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));

/** The page scripts, served by each simulator under `/_sandbox/<name>.js`. */
export async function loadAssets() {
  const names = ['panel', 'opendatalabs', 'context-gateway', 'alter', 'thryve'];
  const texts = await Promise.all(names.map((name) => readFile(`${assetsDir}${name}.js`, 'utf8')));
  return Object.fromEntries(names.map((name, index) => [name, texts[index]]));
}

/** JSON for a `<script type="application/json">` data block: `<` can never close the element. */
const jsonBlock = (value) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const STYLE = `
:root { color-scheme: light dark; --bg: #f4f5f7; --card: #fff; --text: #1d2330; --muted: #5b6475; --border: #d9dde5; --focus: #2952cc; --danger: #b42318; }
@media (prefers-color-scheme: dark) { :root { --bg: #14161b; --card: #1e2129; --text: #e8eaef; --muted: #a3abbb; --border: #363b47; --focus: #8fa8ff; --danger: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 16px; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.card { width: 100%; max-width: 440px; background: var(--card); border: 1px solid var(--border); border-radius: 14px; padding: 24px; box-shadow: 0 8px 28px rgb(0 0 0 / 0.08); }
.brand { display: flex; align-items: center; gap: 8px; margin: 0 0 16px; font-weight: 700; color: var(--accent); }
.badge { padding: 2px 8px; border-radius: 999px; background: #fff4d6; color: #6b4e00; font-size: 12px; font-weight: 600; }
.source-icon { display: block; width: 56px; height: 56px; margin: 0 0 12px; border-radius: 12px; }
h1 { margin: 0 0 4px; font-size: 20px; line-height: 1.3; }
h1:focus { outline: none; }
h2 { margin: 18px 0 6px; font-size: 14px; color: var(--muted); font-weight: 600; }
p { margin: 0; color: var(--muted); }
ul { margin: 0; padding: 0 0 0 20px; }
code { font: 13px/1.6 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.field { margin: 16px 0 0; }
.field label { display: block; margin: 0 0 6px; font-size: 14px; font-weight: 600; color: var(--muted); }
.sandbox-panel { margin: 20px 0 0; padding: 10px 12px; border: 1px dashed var(--border); border-radius: 10px; }
.hint { margin: 6px 0 0; font-size: 13px; }
select { width: 100%; font: inherit; padding: 6px 8px; border: 1px solid var(--border); border-radius: 8px; background: var(--card); color: var(--text); }
.actions { display: flex; gap: 10px; margin: 22px 0 8px; }
button { font: inherit; cursor: pointer; }
.actions button { flex: 1; padding: 10px 14px; border-radius: 9px; font-weight: 600; }
.primary { background: var(--accent); color: #fff; border: 1px solid var(--accent); }
.secondary { background: transparent; color: var(--text); border: 1px solid var(--border); }
.link { display: block; margin: 4px auto 0; background: none; border: none; padding: 6px; color: var(--muted); text-decoration: underline; }
button:disabled { cursor: progress; opacity: 0.6; }
button:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.error h1 { color: var(--danger); }
.sources { list-style: none; padding: 0; margin: 14px 0 0; display: grid; gap: 8px; }
.sources a { display: flex; align-items: center; gap: 10px; padding: 8px 10px; border: 1px solid var(--border); border-radius: 10px; color: inherit; text-decoration: none; }
.sources img { width: 32px; height: 32px; border-radius: 8px; }
.back { display: inline-block; margin: 16px 0 0; padding: 4px 0; color: var(--focus); font-weight: 600; }
/* Only an error screen offers the way back (a script may switch the status screen between both). */
#status:not(.error) .back { display: none; }
[hidden] { display: none !important; }
`;

function layout({ title, brand, accent, body, config, script }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="referrer" content="no-referrer" />
<title>${escapeHtml(title)} · ${escapeHtml(brand)} (sandbox)</title>
<link rel="icon" href="data:," />
<style>:root { --accent: ${accent}; }${STYLE}</style>
${script ? `<script type="module" src="/_sandbox/${escapeHtml(script)}.js"></script>` : ''}
</head>
<body>
<main class="card">
<p class="brand"><span>${escapeHtml(brand)}</span> <span class="badge">Sandbox</span></p>
${body}
</main>
${config === undefined ? '' : `<script type="application/json" id="sim-config">${jsonBlock(config)}</script>`}
</body>
</html>`;
}

/**
 * The way back to the app an error page offers: `href` an app address the
 * simulator knows (never one a visitor chose), `label` the link's text.
 * @typedef {{ href: string, label?: string }} Back
 */

/** What an error page's text says when it links back to the app. */
export const BACK_TEXT = 'Go back to the app and start again.';

/** `value` as an http(s) URL, else `undefined`: never `javascript:`, `data:` or any other scheme. */
export function httpHref(/** @type {unknown} */ value) {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A plain link back to the app (no script), or nothing when `back` is absent or not an http(s) URL. */
function backLink(/** @type {Back | undefined} */ back) {
  const href = httpHref(back?.href);
  if (!href) return '';
  return `\n<a id="back" class="back" href="${escapeHtml(href)}">${escapeHtml(back.label || 'Back to the app')}</a>`;
}

/** The status section every page has; the consent screen swaps to it when it reports. `back`: see {@link backLink}. */
function statusSection({ heading = 'Loading…', text = '', isError = false, hidden = false, back = undefined } = {}) {
  return `<section id="status" role="status" aria-live="polite"${isError ? ' class="error"' : ''}${hidden ? ' hidden' : ''}>
<h1 id="status-heading" tabindex="-1">${escapeHtml(heading)}</h1>
<p id="status-text">${escapeHtml(text)}</p>${backLink(back)}
</section>`;
}

/**
 * The "Sandbox outcome" options of a consent page: success first, the vendor's
 * own outcomes (`{ value: label }`) in between, the slow success last.
 * @param {string} successLabel
 * @param {Record<string, string>} [own]
 */
export const outcomeOptions = (successLabel, own = {}) => [
  { value: 'success', label: successLabel },
  ...Object.entries(own).map(([value, label]) => ({ value, label })),
  { value: 'slow', label: 'Slow answer (success after a delay)' },
];
/** Each documented error code as an outcome labelled with the code itself. */
export const codeOutcomes = (/** @type {Record<string, string>} */ errors) => Object.fromEntries(Object.keys(errors).map((code) => [code, code]));
export const CLOSE_OUTCOME = { close: 'Close without a result' };

/**
 * The sandbox panel every consent page has (the default sandbox's too): what
 * Allow does ("Sandbox outcome", the first option selected), then Deny, Allow
 * and Cancel.
 * @param {Array<{ value: string, label: string }>} outcomes
 */
export function sandboxPanel(outcomes, hint = 'Test only: what Allow does in this flow.') {
  return `<div class="sandbox-panel">
<label for="outcome">Sandbox outcome</label>
<select id="outcome" aria-describedby="outcome-hint">${outcomes.map((option, index) => `<option value="${escapeHtml(option.value)}"${index === 0 ? ' selected' : ''}>${escapeHtml(option.label)}</option>`).join('')}</select>
<p id="outcome-hint" class="hint">${escapeHtml(hint)}</p>
</div>
<div class="actions">
<button id="deny" class="secondary" type="button">Deny</button>
<button id="allow" class="primary" type="button">Allow</button>
</div>
<button id="cancel" class="link" type="button">Cancel</button>`;
}

/**
 * @typedef {{ value: string, label: string }} Option
 * @typedef {{
 *   brand: string, accent: string, title?: string, script: string, config?: unknown,
 *   icon?: string, heading?: string, text?: string,
 *   listLabel?: string, items?: string[],
 *   picker?: { id: string, label: string, options: Option[] },
 *   outcomes: Option[], hint?: string,
 *   hiddenUntilScript?: boolean, back?: Back,
 * }} ConsentOptions
 */

/**
 * A consent screen with the sandbox panel. `hiddenUntilScript`: the script fills it
 * in and shows it (Alter: the token is in the fragment). `back`: the status screen's
 * link back to the app, for the errors the script shows there.
 */
export function consentPage(/** @type {ConsentOptions} */ options) {
  const { brand, accent, title = 'Connect an account', script, config, icon, heading = '', text = '', listLabel = 'Requested access', items = [], picker, outcomes, hint = 'Test only: what Allow does in this flow.', hiddenUntilScript = false, back } = options;
  const list = items.length
    ? items.map((item) => `<li><code>${escapeHtml(item)}</code></li>`).join('')
    : hiddenUntilScript
      ? ''
      : '<li>Basic account information</li>';
  const pickerHtml = picker
    ? `<div class="field"${picker.options.length > 1 || hiddenUntilScript ? '' : ' hidden'}>
<label for="${escapeHtml(picker.id)}">${escapeHtml(picker.label)}</label>
<select id="${escapeHtml(picker.id)}">${picker.options.map((option) => `<option value="${escapeHtml(option.value)}">${escapeHtml(option.label)}</option>`).join('')}</select>
</div>`
    : '';
  const body = `<section id="consent"${hiddenUntilScript ? ' hidden' : ''}>
${icon ? `<img id="source-icon" class="source-icon" src="${escapeHtml(icon)}" alt="" width="56" height="56" />` : '<img id="source-icon" class="source-icon" alt="" width="56" height="56" hidden />'}
<h1 id="heading" tabindex="-1">${escapeHtml(heading)}</h1>
<p id="subheading">${escapeHtml(text)}</p>
<h2 id="list-heading">${escapeHtml(listLabel)}</h2>
<ul id="items" aria-labelledby="list-heading">${list}</ul>
${pickerHtml}
${sandboxPanel(outcomes, hint)}
</section>
${statusSection({ hidden: !hiddenUntilScript, back })}`;
  return layout({ title, brand, accent, body, config, script });
}

/**
 * A page that only says something (errors, results); `script` + `config` when it
 * forwards; `back` (a {@link Back}) when it knows where the app is: a link after the
 * text, rendered only for an http(s) URL.
 */
export function messagePage({ brand, accent, title, heading, text = '', isError = false, script, config, back }) {
  return layout({ title: title ?? heading, brand, accent, body: statusSection({ heading, text, isError, back }), config, script });
}

/** A list of links (Thryve's widget). */
export function linkListPage({ brand, accent, title, heading, text, links }) {
  const body = `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(text)}</p>
<ul class="sources">${links
    .map((link) => `<li><a href="${escapeHtml(link.href)}" target="_blank" rel="noopener">${link.icon ? `<img src="${escapeHtml(link.icon)}" alt="" width="32" height="32" />` : ''}<span>${escapeHtml(link.label)}</span></a></li>`)
    .join('')}</ul>`;
  return layout({ title, brand, accent, body });
}
