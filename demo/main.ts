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
  if (typeof connectionId === 'string') void addConnection(connectionId);
});

byId('clear-log').addEventListener('click', () => eventLog.replaceChildren());
byId<HTMLSelectElement>('mode').addEventListener('change', (event) => {
  const mode = (event.target as HTMLSelectElement).value;
  for (const element of document.querySelectorAll('connect-button, source-list')) element.setAttribute('mode', mode);
});

// The catalog section shows once a build registers `<source-list>`.
void customElements.whenDefined('source-list').then(() => (byId('catalog').hidden = false));

// Registered only now, after the listeners: a redirect flow's result is reported as soon as the elements upgrade.
void import('../src/define.js');
