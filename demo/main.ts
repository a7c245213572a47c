/// <reference types="vite/client" />
/**
 * The demo page: logs every Connect event and shows the user's connections.
 * Flow events bubble and are composed, so one set of listeners on `document`
 * hears every element on the page.
 *
 * The connections have one source of truth: the backend's `GET /api/connections`
 * for the chosen system, which asks the provider. "Connected accounts" and
 * `<source-list>` both render that answer; a success is reported to the backend
 * (`POST /api/connections/remember`, which keeps it only if the provider confirms
 * it), a disconnect from either goes through the backend, and both re-render from
 * what it lists next. So a reload shows the same thing, for the server's lifetime.
 */
import { presetFor } from '../src/presets/index.js';
import { relayReturn } from '../src/core/lazy.js';

const FLOW_EVENTS = ['connect-open', 'connect-ready', 'connect-success', 'connect-exit', 'connect-error', 'connect-event', 'connect-disconnect'] as const;
/** The "System" entry whose list mixes systems: its items name their own preset (the backend's `/api/mixed/...`). */
const MIXED = 'mixed';
const SYSTEM_NAMES: Record<string, string> = { default: 'sandbox', 'context-gateway': 'Context Gateway', thryve: 'Thryve' };
const MAX_LOG_ENTRIES = 200;

/** A connection as the app backend lists it. */
interface Connection {
  connectionId: string;
  source: string;
  sourceName?: string;
  scopes: string[];
  name?: string;
  status: string;
  /** In the mixed list: the system the connection is in. */
  system?: string;
}

/** `GET /api/connections`: how the backend knows this system's connections, and what it knows. */
interface ConnectionListing {
  system: string;
  listing: 'remembered' | 'provider' | 'none';
  note?: string;
  connections: Connection[];
}

type FlowElement = HTMLElement & { resolvedMode?: { mode: string; reason: string } };
type SourceListElement = HTMLElement & { connections?: unknown };

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// A sign-in window sent back to this page (a popup severed by COOP, or a redirect-only system)
// whose result no tab claimed: the elements read it as nobody's, and the user is told to go back.
void relayReturn().then((result) => {
  if (result !== 'unclaimed') return;
  const notice = byId('unclaimed-return');
  notice.hidden = false;
  byId('close-window').addEventListener('click', () => window.close());
});
const eventLog = byId<HTMLOListElement>('event-log');
const connectionList = byId<HTMLUListElement>('connection-list');
const modeSelect = byId<HTMLSelectElement>('mode');
const presetSelect = byId<HTMLSelectElement>('preset');
const langSelect = byId<HTMLSelectElement>('lang');
const sourceList = () => document.querySelector<SourceListElement>('source-list');
const flowElements = () => document.querySelectorAll<FlowElement>('connect-button, connect-modal, source-list');

function logEvent(name: string, detail: unknown): void {
  const item = document.createElement('li');
  item.dataset.event = name;
  const label = document.createElement('strong');
  label.textContent = name;
  const json = document.createElement('code');
  json.textContent = JSON.stringify(detail);
  item.append(label, ' ', json);
  eventLog.append(item);
  while (eventLog.childElementCount > MAX_LOG_ENTRIES) eventLog.firstElementChild?.remove();
  eventLog.scrollTop = eventLog.scrollHeight;
}

// --- connections: the backend's list, rendered in both places ----------------------

let listing: ConnectionListing = { system: presetSelect.value, listing: 'remembered', connections: [] };
/** Bumped by every load, so an answer for an earlier system (or an older load) is dropped. */
let loadGeneration = 0;
/** Connection ids with a disconnect in flight: a second click does nothing. */
const disconnecting = new Set<string>();

const setStatus = (text: string) => (byId('connections-status').textContent = text);

function renderConnections(): void {
  const { connections, note } = listing;
  const empty = byId('connections-empty');
  empty.hidden = connections.length > 0;
  empty.textContent =
    listing.listing === 'none'
      ? 'This app cannot list connections of this system.'
      : listing.system === 'thryve' || listing.system === MIXED
        ? 'None yet. Connect a source in the list below.'
        : 'None yet. Connect an account above.';
  const noteElement = byId('connections-note');
  noteElement.hidden = !note;
  noteElement.textContent = note ?? '';

  connectionList.replaceChildren(
    ...connections.map((connection) => {
      const item = document.createElement('li');
      item.dataset.connectionId = connection.connectionId;
      const label = connection.sourceName ?? connection.source;
      const title = document.createElement('strong');
      const system = connection.system && SYSTEM_NAMES[connection.system];
      title.textContent = [connection.name ? `${label} · ${connection.name}` : label, system && `(${system})`].filter(Boolean).join(' ');
      const id = document.createElement('code');
      id.textContent = connection.connectionId;
      const scopes = document.createElement('p');
      scopes.className = 'muted';
      scopes.textContent = `Scopes: ${connection.scopes.join(', ') || 'none'}`;

      const disconnect = document.createElement('button');
      disconnect.type = 'button';
      disconnect.className = 'quiet';
      disconnect.textContent = 'Disconnect';
      disconnect.disabled = disconnecting.has(connection.connectionId);
      disconnect.setAttribute('aria-label', `Disconnect ${label} ${connection.connectionId}`);
      disconnect.addEventListener('click', () => void disconnectConnection(connection));

      item.append(title, ' ', id, scopes, disconnect);
      return item;
    }),
  );

  // `<source-list>` marks connected sources (a property set before the element upgrades is kept).
  const list = sourceList();
  // The provider's name of an account is its label there ("Account 2"): a source may hold several.
  if (list) list.connections = connections.map(({ source, connectionId, status, name }) => ({ source, connectionId, status, ...(name ? { label: name } : {}) }));
}

async function loadConnections(): Promise<void> {
  const system = presetSelect.value;
  const generation = ++loadGeneration;
  try {
    const response = await fetch(`/api/connections?system=${encodeURIComponent(system)}`, { headers: { accept: 'application/json' } });
    if (generation !== loadGeneration) return;
    if (!response.ok) {
      setStatus(`The connections could not be loaded (${response.status}).`);
      return;
    }
    listing = (await response.json()) as ConnectionListing;
    if (generation !== loadGeneration) return;
    setStatus('');
    renderConnections();
  } catch {
    if (generation === loadGeneration) setStatus('The connections could not be loaded.');
  }
}

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-connect-elements': '1' }, body: JSON.stringify(body) });

/** Tells the backend about a success; it keeps the connection only once the provider confirms it. */
async function rememberConnection(system: string, source: string, connectionId: string): Promise<void> {
  // Nothing to confirm it with (Alter): the list below is still the backend's, not the page's guess.
  if (listing.system === system && listing.listing === 'none') return loadConnections();
  try {
    const response = await postJson('/api/connections/remember', { system, source, connectionId });
    if (!response.ok && response.status !== 422) setStatus(`The provider did not confirm ${connectionId} (${response.status}).`);
  } catch {
    setStatus('The connection could not be reported to the app backend.');
  }
  if (presetSelect.value === system) await loadConnections();
}

async function disconnectConnection({ source, connectionId }: { source: string; connectionId: string }): Promise<void> {
  if (disconnecting.has(connectionId)) return;
  disconnecting.add(connectionId);
  renderConnections();
  const system = presetSelect.value;
  try {
    const response = await postJson('/api/disconnect', { system, source, connectionId });
    // 404: already gone at the provider, or never this user's; the next list says which.
    if (!response.ok && response.status !== 404) setStatus(`The disconnect failed (${response.status}). Try again.`);
  } catch {
    setStatus('The disconnect could not be sent. Try again.');
  } finally {
    disconnecting.delete(connectionId);
  }
  await loadConnections();
}

for (const name of FLOW_EVENTS) {
  document.addEventListener(name, (event) => logEvent(name, (event as Event & { detail?: unknown }).detail));
}
document.addEventListener('connect-success', (event) => {
  const { source, connectionId } = (event as Event & { detail?: { source?: unknown; connectionId?: unknown } }).detail ?? {};
  if (typeof connectionId === 'string' && typeof source === 'string') void rememberConnection(presetSelect.value, source, connectionId);
});
// `<source-list>`'s Disconnect: the page sends it, so both places change together from the backend's answer.
document.addEventListener('connect-disconnect', (event) => {
  event.preventDefault();
  const { source, connectionId } = (event as Event & { detail: { source: string; connectionId: string } }).detail;
  void disconnectConnection({ source, connectionId });
});

byId('clear-log').addEventListener('click', () => eventLog.replaceChildren());

// --- the system, launch mode and language switches ----------------------------------

/** Per-system settings from the demo backend: where each simulator lives and what its catalog is. */
interface PresetSettings {
  /** The preset of a "System" entry that is not one (the mixed list: the sandbox's). */
  preset?: string;
  sessionUrl: string;
  resultUrl?: string;
  catalogUrl?: string;
  baseUrl?: string;
  messageOrigin?: string;
}
let presetSettings: Record<string, PresetSettings> = {};

/** "System" entries that are sandbox apps behaving like harder providers: our protocol, through their own backend routes. */
const SANDBOX_VARIANTS: Record<string, string> = { 'sandbox-coop': 'coop', 'sandbox-redirect-only': 'redirect-only' };

/** The preset and the settings a "System" entry stands for. */
function settingsFor(system: string): PresetSettings & { preset: string } {
  const variant = SANDBOX_VARIANTS[system];
  if (variant) {
    const base = `/api/sandbox/${variant}`;
    return { preset: 'default', sessionUrl: `${base}/connect-session`, resultUrl: `${base}/connect-result`, catalogUrl: '/api/sources' };
  }
  const settings = presetSettings[system] ?? { sessionUrl: '/api/connect-session', catalogUrl: '/api/sources' };
  // The plain sandbox's outcomes are also readable through the app backend.
  return { preset: system === MIXED ? 'default' : system, ...settings, resultUrl: settings.resultUrl ?? (system === 'default' ? '/api/connect-result' : undefined) };
}

/**
 * Hides what the chosen system cannot do: launch modes it cannot run, the dialog where it cannot be
 * framed, source buttons Thryve has no use for; and for the mixed list everything but the list.
 */
function showWhatApplies(system: string, preset: string): void {
  const modes = new Set<string>(presetFor(preset).modes);
  for (const option of modeSelect.options) {
    const runs = option.value === 'auto' || modes.has(option.value);
    option.hidden = !runs;
  }
  byId('modal-row').hidden = !modes.has('modal') || system === MIXED;
  // Thryve connects per numeric data source, from its own catalog: the source buttons do not apply.
  byId('buttons').hidden = preset === 'thryve' || system === MIXED;
  byId('mixed-note').hidden = system !== MIXED;
}

function applySettings(): void {
  const system = presetSelect.value;
  const mode = modeSelect.value;
  sessionStorage.setItem('demo:settings', JSON.stringify({ preset: system, mode, lang: langSelect.value }));
  const listSettings = settingsFor(system);
  showWhatApplies(system, listSettings.preset);
  // The mixed list's buttons (hidden) stay the sandbox's: its session route serves only the list's sources.
  const otherSettings = system === MIXED ? settingsFor('default') : listSettings;
  for (const element of flowElements()) {
    const settings = element.localName === 'source-list' ? listSettings : otherSettings;
    const { preset } = settings;
    if (element.localName !== 'connect-modal') element.setAttribute('mode', mode);
    element.setAttribute('preset', preset);
    element.setAttribute('session-url', settings.sessionUrl);
    const optional = [['result-url', settings.resultUrl], ['base-url', settings.baseUrl], ['message-origin', settings.messageOrigin]] as const;
    for (const [attribute, value] of optional) {
      if (value) element.setAttribute(attribute, value);
      else element.removeAttribute(attribute);
    }
  }
  sourceList()?.setAttribute('catalog-url', listSettings.catalogUrl ?? '/api/sources');
  const first = document.querySelector<FlowElement>('connect-button');
  const decided = first?.resolvedMode;
  // The mixed list's items are of several systems: each resolves the mode for its own.
  byId('mode-note').textContent =
    system === MIXED ? 'Each item runs the chosen mode as its own system can.' : decided ? `Flows launch as ${decided.mode} (${decided.reason}).` : '';
}

/** The elements' locales besides English (every built-in one), loaded when chosen. */
const LOCALES = Object.fromEntries(
  Object.entries(import.meta.glob<{ default: unknown }>('../src/locales/*.ts')).map(([path, load]) => [/([\w-]+)\.ts$/.exec(path)![1], load]),
) as Record<string, () => Promise<{ default: unknown }>>;
const RTL = new Set(['ar', 'he']);

async function applyLanguage(): Promise<void> {
  const lang = langSelect.value;
  const load = LOCALES[lang];
  if (load) {
    const [{ registerTranslation }, locale] = await Promise.all([import('../src/localize.js'), load()]);
    registerTranslation(locale.default as Parameters<typeof registerTranslation>[0]);
  }
  const app = byId('app');
  app.lang = lang;
  app.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  applySettings();
}

presetSelect.addEventListener('change', () => {
  // A mode the new system cannot run would only run as another one: start from auto.
  if (!new Set<string>(presetFor(settingsFor(presetSelect.value).preset).modes).has(modeSelect.value)) modeSelect.value = 'auto';
  applySettings();
  void loadConnections();
});
modeSelect.addEventListener('change', applySettings);
langSelect.addEventListener('change', () => void applyLanguage());
byId('open-modal').addEventListener('click', () => {
  const modal = document.querySelector('connect-modal') as (HTMLElement & { show(): Promise<unknown> }) | null;
  modal?.show().catch(() => {});
});

// The catalog section shows once a build registers `<source-list>`.
void customElements.whenDefined('source-list').then(() => (byId('catalog').hidden = false));

// Restore the system, mode and language a redirect flow (or a reload) left with, load the
// simulators' settings and the connections, and only then register the elements: a returning
// redirect is reported as soon as they upgrade.
const saved = JSON.parse(sessionStorage.getItem('demo:settings') ?? '{}') as { preset?: string; mode?: string; lang?: string };
if (saved.preset) presetSelect.value = saved.preset;
if (saved.mode) modeSelect.value = saved.mode;
if (saved.lang && [...langSelect.options].some((option) => option.value === saved.lang)) langSelect.value = saved.lang;
try {
  const response = await fetch('/api/presets');
  if (response.ok) presetSettings = (await response.json()) as Record<string, PresetSettings>;
} catch {
  // Without the simulators the sandbox still works.
}
await applyLanguage();
void loadConnections();
await import('../src/define.js');
applySettings();

export {};
