import { useEffect, useState } from 'react';
import type { CatalogSource, ConnectSuccessEvent } from 'connect-elements';

export function App() {
  const [sources, setSources] = useState<CatalogSource[]>([]);
  const [connected, setConnected] = useState<string>('');

  useEffect(() => {
    fetch('/api/sources')
      .then((response) => response.json())
      .then((body: CatalogSource[] | { sources: CatalogSource[] }) => setSources(Array.isArray(body) ? body : body.sources));
  }, []);

  // React 19 passes `on` + the exact event name to addEventListener.
  const onSuccess = (event: ConnectSuccessEvent) => setConnected(`${event.detail.source}: ${event.detail.connectionId}`);

  return (
    <main>
      <h1>React 19</h1>
      <connect-button sessionUrl="/api/connect-session" source="github" scopes="repo read:user" onconnect-success={onSuccess}>
        Connect GitHub
      </connect-button>
      <output id="result">{connected}</output>
      {/* An array is set as the `sources` property (React 19 sets properties the element has). */}
      <source-list label="Sources" sessionUrl="/api/connect-session" sources={sources} onconnect-success={onSuccess}></source-list>
    </main>
  );
}
