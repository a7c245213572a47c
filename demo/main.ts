/**
 * The demo page: logs every Connect event and lists the accounts connected so far.
 * Flow events bubble and are composed, so one set of listeners on `document`
 * hears every element on the page.
 */

const FLOW_EVENTS = ['connect-open', 'connect-ready', 'connect-success', 'connect-exit', 'connect-error', 'connect-event'] as const;
const MAX_LOG_ENTRIES = 200;

/** A connection as the app backend relays it from the provider. */
interface Connection {
  id: string;
  source: string;
  scopes: string[];
  name?: string;
  createdAt: string;
  updatedAt: string;
  status: string;
}

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const eventLog = byId<HTMLOListElement>('event-log');
const connectionList = byId<HTMLUListElement>('connection-list');
const connections = new Map<string, Connection>();

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

function renderConnections(): void {
  byId('connections-empty').hidden = connections.size > 0;
  connectionList.replaceChildren(
    ...[...connections.values()].map((connection) => {
      const item = document.createElement('li');
      item.dataset.connectionId = connection.id;

      const title = document.createElement('strong');
      title.textContent = connection.name ? `${connection.source} · ${connection.name}` : connection.source;
      const id = document.createElement('code');
      id.textContent = connection.id;
      const scopes = document.createElement('p');
      scopes.className = 'muted';
      scopes.textContent = `Scopes: ${connection.scopes.join(', ') || 'none'}`;

      const disconnect = document.createElement('button');
      disconnect.type = 'button';
      disconnect.className = 'quiet';
      disconnect.textContent = 'Disconnect';
      disconnect.setAttribute('aria-label', `Disconnect ${connection.source} ${connection.id}`);
      disconnect.addEventListener('click', () => void removeConnection(connection, disconnect));

      item.append(title, ' ', id, scopes, disconnect);
      return item;
    }),
  );

  // `<source-list>` marks connected sources (a property set before the element upgrades is kept).
  const sourceList = document.querySelector('source-list') as (HTMLElement & { connections?: unknown }) | null;
  if (sourceList) {
    sourceList.connections = [...connections.values()].map(({ source, id, status }) => ({ source, connectionId: id, status }));
  }
}

async function addConnection(connectionId: string): Promise<void> {
  const response = await fetch(`/api/connections/${encodeURIComponent(connectionId)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    console.warn(`demo: could not load connection ${connectionId} (${response.status})`);
    return;
  }
  const connection = (await response.json()) as Connection;
  connections.set(connection.id, connection);
  renderConnections();
}

async function removeConnection(connection: Connection, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  const response = await fetch('/api/disconnect', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ source: connection.source, connectionId: connection.id }),
  });
  if (response.ok || response.status === 404) {
    connections.delete(connection.id);
    renderConnections();
  } else {
    button.disabled = false;
  }
}

for (const name of FLOW_EVENTS) {
  document.addEventListener(name, (event) => logEvent(name, (event as Event & { detail?: unknown }).detail));
}
document.addEventListener('connect-success', (event) => {
  const { connectionId } = ((event as Event & { detail?: { connectionId?: unknown } }).detail ?? {});
  // Only the sandbox's connections can be fetched from this app's backend; the simulators keep theirs.
  if (typeof connectionId === 'string' && presetSelect.value === 'default') void addConnection(connectionId);
});

byId('clear-log').addEventListener('click', () => eventLog.replaceChildren());
/** The launch mode and system the demo's elements use; kept across a redirect flow's round trip. */
const modeSelect = byId<HTMLSelectElement>('mode');
const presetSelect = byId<HTMLSelectElement>('preset');
const flowElements = () => document.querySelectorAll<HTMLElement & { resolvedMode?: { mode: string; reason: string } }>('connect-button, connect-modal, source-list');

/** Per-system settings from the demo backend: where each simulator lives and what its catalog is. */
interface PresetSettings {
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
  return { preset: system, ...settings, resultUrl: settings.resultUrl ?? (system === 'default' ? '/api/connect-result' : undefined) };
}

function applySettings(): void {
  const system = presetSelect.value;
  const mode = modeSelect.value;
  sessionStorage.setItem('demo:settings', JSON.stringify({ preset: system, mode }));
  const settings = settingsFor(system);
  const { preset } = settings;
  for (const element of flowElements()) {
    if (element.localName !== 'connect-modal') element.setAttribute('mode', mode);
    element.setAttribute('preset', preset);
    element.setAttribute('session-url', settings.sessionUrl);
    const optional = [['result-url', settings.resultUrl], ['base-url', settings.baseUrl], ['message-origin', settings.messageOrigin]] as const;
    for (const [attribute, value] of optional) {
      if (value) element.setAttribute(attribute, value);
      else element.removeAttribute(attribute);
    }
  }
  const list = document.querySelector('source-list');
  list?.setAttribute('catalog-url', settings.catalogUrl ?? '/api/sources');
  // Thryve disconnects through its own revoke URL; the others through the app backend.
  if (preset === 'thryve') list?.removeAttribute('disconnect-url');
  else list?.setAttribute('disconnect-url', '/api/disconnect');
  // Thryve connects per numeric data source, from its own catalog: the source buttons do not apply.
  byId('buttons').hidden = preset === 'thryve';
  const first = document.querySelector<HTMLElement & { resolvedMode?: { mode: string; reason: string } }>('connect-button');
  const decided = first?.resolvedMode;
  byId('mode-note').textContent = decided ? `Flows launch as ${decided.mode} (${decided.reason}).` : '';
}

modeSelect.addEventListener('change', applySettings);
presetSelect.addEventListener('change', applySettings);
byId('open-modal').addEventListener('click', () => {
  const modal = document.querySelector('connect-modal') as (HTMLElement & { show(): Promise<unknown> }) | null;
  modal?.show().catch(() => {});
});

// The catalog section shows once a build registers `<source-list>`.
void customElements.whenDefined('source-list').then(() => (byId('catalog').hidden = false));

// Restore the system and mode a redirect flow left with, load the simulators' settings,
// and only then register the elements: a returning redirect is reported as soon as they upgrade.
const saved = JSON.parse(sessionStorage.getItem('demo:settings') ?? '{}') as { preset?: string; mode?: string };
if (saved.preset) presetSelect.value = saved.preset;
if (saved.mode) modeSelect.value = saved.mode;
try {
  const response = await fetch('/api/presets');
  if (response.ok) presetSettings = (await response.json()) as Record<string, PresetSettings>;
} catch {
  // Without the simulators the sandbox still works.
}
applySettings();
await import('../src/define.js');
applySettings();

export {};
