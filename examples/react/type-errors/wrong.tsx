// Must NOT type-check (test/examples asserts each error). TypeScript never checks JSX
// attribute names with a hyphen (`sesion-url`, `onconnect-sucess` pass unnoticed), so
// typed code sets the camelCase properties, which React 19 sets as properties.
import { useRef } from 'react';
import type { ConnectSuccessEvent } from 'connect-elements';
import { ConnectButton } from 'connect-elements/react';

export const Wrong = () => (
  <>
    <connect-button sesionUrl="/api/connect-session" source="github">Connect</connect-button>
    <connect-button sessionUrl="/api/connect-session" mode="popover">Connect</connect-button>
    <connect-button sessionUrl="/api/connect-session" onconnect-success={(event: ConnectSuccessEvent) => event.detail.conectionId}>Connect</connect-button>
    <ConnectButton sessionUrl="/api/connect-session" onConnectSucess={() => {}}>Connect</ConnectButton>
    {/* React's own attributes are typed on the element, not left open: a ref to another element, a member the element lacks. */}
    <connect-button sessionUrl="/api/connect-session" ref={useRef<HTMLInputElement>(null)}>Connect</connect-button>
    <connect-button sessionUrl="/api/connect-session" onFocus={(event) => event.currentTarget.sources}>Connect</connect-button>
  </>
);
