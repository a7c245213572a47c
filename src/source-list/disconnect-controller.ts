/**
 * A `<source-list>` account's Disconnect: the cancelable `connect-disconnect`,
 * then the request (the app's `disconnect-url`, else the item's preset's own
 * disconnect, loaded with the first one from `disconnect.ts`), and a failure as
 * `connect-error` with the connection's id. One request per connection at a time.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConnectFlowController, LaunchOverrides } from '../controllers/flow-controller.js';
import { ConnectDisconnectEvent, ConnectErrorEvent } from '../events.js';
import { presetFor } from '../presets/index.js';
import type { ListedSource } from './catalog.js';
import type { DisconnectFailure } from './disconnect.js';

export interface DisconnectOptions {
  readonly flow: ConnectFlowController;
  disconnectUrl(): string;
  /** The overrides of the item's flows (its preset, base URL, scopes): a preset's disconnect mints its session as they would. */
  overridesFor(source: ListedSource, connectionId: string): LaunchOverrides;
  /** The disconnect went through, or there was nothing to send: the list drops the connection. */
  onDisconnected(source: ListedSource, connectionId: string): void;
  /** It failed: the list shows `message` on the item (the `connect-error` is fired here). */
  onFailed(source: ListedSource, message: string, event: ConnectErrorEvent): void;
}

export class DisconnectController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: DisconnectOptions;
  /** Connections with a disconnect request in flight. */
  readonly #busy = new Set<string>();

  constructor(host: ReactiveControllerHost & HTMLElement, options: DisconnectOptions) {
    this.#host = host;
    this.#options = options;
  }

  busy = (connectionId: string): boolean => this.#busy.has(connectionId);

  /** The user asked to disconnect `connectionId` of `source` (the caller checked that the list is enabled). */
  request(source: ListedSource, connectionId: string): void {
    if (this.#busy.has(connectionId)) return;
    const request = new ConnectDisconnectEvent({ source: source.id, connectionId });
    /** @ignore documented by @fires on the list */
    this.#host.dispatchEvent(request);
    if (request.defaultPrevented) return;
    const { flow, onDisconnected } = this.#options;
    const url = this.#options.disconnectUrl();
    // The item's own system: Thryve's revoke for a Thryve item in a list of another preset.
    const preset = source.preset ? presetFor(source.preset) : flow.preset;
    // Nothing to send: the item is only marked, and the app does the rest in its listener.
    if (!url && !preset.disconnects) return onDisconnected(source, connectionId);
    this.#busy.add(connectionId);
    this.#host.requestUpdate();
    // How a disconnect is sent loads with the first one (a list that never disconnects never pays for it).
    const sent = import('./disconnect.js').then(
      ({ disconnectSender }) =>
        disconnectSender(url, preset, () => flow.optionsFor(this.#options.overridesFor(source, connectionId)))?.(source.id, connectionId),
      // Its code could not load (offline, a deploy replaced the chunks): a failure to report, never a stuck item.
      (): DisconnectFailure => ({ code: 'network_error', retryable: true }),
    );
    void sent.then((failure) => {
      this.#busy.delete(connectionId);
      this.#host.requestUpdate();
      if (!failure) return onDisconnected(source, connectionId);
      // Plain text: it is also the connect-error detail an app may log.
      const message = flow.localize.t('disconnectFailed', source.name, failure.retryable);
      const error = new ConnectErrorEvent({ source: source.id, connectionId, code: failure.code, message, retryable: failure.retryable });
      this.#options.onFailed(source, message, error);
      /** @ignore documented by @fires on the list */
      this.#host.dispatchEvent(error);
    });
  }
}
