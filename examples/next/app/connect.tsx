'use client';
// connect-elements/react, not the bare tags: React 19 sets neither properties nor `on…`
// listeners of a custom element while hydrating server HTML, so <connect-button
// sessionUrl=…> would keep an empty sessionUrl. The wrappers set both after hydration.
import { useState } from 'react';
import { ConnectButton, SourceList } from 'connect-elements/react';
import type { CatalogSource, ConnectSuccessEvent } from 'connect-elements';

export function Connect({ sources }: { sources: CatalogSource[] }) {
  const [connected, setConnected] = useState('');
  const onSuccess = (event: ConnectSuccessEvent) => setConnected(`${event.detail.source}: ${event.detail.connectionId}`);
  return (
    <>
      <ConnectButton sessionUrl="/api/connect-session" source="github" scopes={['repo', 'read:user']} onConnectSuccess={onSuccess}>
        Connect GitHub
      </ConnectButton>
      <output id="result">{connected}</output>
      <SourceList label="Sources" sessionUrl="/api/edge/connect-session" sources={sources} onConnectSuccess={onSuccess} />
    </>
  );
}
