import { useEffect, useRef, useState } from 'react';
import type { CatalogSource, ConnectButtonElement, ConnectSuccessEvent } from 'connect-elements';

export function App() {
  const [sources, setSources] = useState<CatalogSource[]>([]);
  const [connected, setConnected] = useState<string>('');
  const [launch, setLaunch] = useState<string>('');
  const [saved, setSaved] = useState<string>('');
  const button = useRef<ConnectButtonElement>(null);

  useEffect(() => {
    fetch('/api/sources')
      .then((response) => response.json())
      .then((body: CatalogSource[] | { sources: CatalogSource[] }) => setSources(Array.isArray(body) ? body : body.sources));
  }, []);

  // React 19 passes `on` + the exact event name to addEventListener.
  const onSuccess = (event: ConnectSuccessEvent) => setConnected(`${event.detail.source}: ${event.detail.connectionId}`);
  // What a click would open, from the element itself: through its ref once mounted, and from
  // the focus event's target (typed as the element) when the user is about to click.
  const describeLaunch = (element: ConnectButtonElement) => setLaunch(`Opens in a ${element.resolvedMode.mode}`);
  useEffect(() => {
    if (button.current) describeLaunch(button.current);
  }, []);

  // A React 19 form action gets the form's FormData: the button is a field of it (name="github").
  // React resets the form after the action; the button then goes back to its connectionId, so the
  // saved connection is passed back as that (a later click reconnects it).
  const save = (formData: FormData) => setSaved(String(formData.get('github') ?? ''));

  // Besides its own props and events, each tag takes what any element does: id, aria-*, data-*,
  // a ref, and React's DOM events (onFocus, onClick...).
  return (
    <main>
      <h1>React 19</h1>
      <form action={save}>
        <connect-button
          name="github"
          required
          connectionId={saved}
          ref={button}
          id="connect-github"
          data-source="github"
          sessionUrl="/api/connect-session"
          source="github"
          scopes="repo read:user"
          onFocus={(event) => describeLaunch(event.currentTarget)}
          onconnect-success={onSuccess}
        >
          Connect GitHub
        </connect-button>
        <button type="submit">Save</button>
      </form>
      <output id="form-result">{saved && `github: ${saved}`}</output>
      <small id="launch">{launch}</small>
      <output id="result">{connected}</output>
      {/* An array is set as the `sources` property (React 19 sets properties the element has). */}
      <source-list role="region" aria-label="Your accounts" label="Sources" sessionUrl="/api/connect-session" sources={sources} onconnect-success={onSuccess}></source-list>
    </main>
  );
}
