/**
 * What a `<source-list>` tells the user: its live region (a flow's progress, a
 * connection or disconnection, a failure, how many sources a search lets
 * through) and each item's last failure, shown on the item. A flow's outcomes
 * come as its events on the list, a redirect return's included.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ConnectFlowController } from '../controllers/flow-controller.js';
import type { ConnectSuccessEvent } from '../events.js';

/** A provider's name inside a sentence of the page's language: isolated, so its direction cannot reorder the sentence. */
const isolate = (name: string) => `\u2068${name}\u2069`;

export class Announcer {
  /** The live region's text. */
  text = '';
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #flow: ConnectFlowController;
  readonly #nameOf: (id: string) => string;
  /** The last failure of each source's flow or disconnect, shown on its item. */
  readonly #itemErrors = new Map<string, string>();
  /** The `connect-error` events of failed disconnects: shown where they happen, not by the flow's listener. */
  readonly #ownEvents = new WeakSet<Event>();
  /** The filter changed: the next update announces how many sources it lets through. */
  #announceCount = false;
  #lastFlowStatus = 'idle';

  /**
   * `nameOf(id)`: the catalog's name of the source `id` (`id` itself when the
   * catalog has none); `onFlowEnd`: a flow ended without a success (an error, an exit).
   */
  constructor(host: ReactiveControllerHost & HTMLElement, flow: ConnectFlowController, nameOf: (id: string) => string, onFlowEnd: () => void) {
    this.#host = host;
    this.#flow = flow;
    this.#nameOf = nameOf;
    // The flow controller reports outcomes only as events on the host (a redirect return included): listen to them.
    host.addEventListener('connect-success', (event) => this.#onFlowSuccess(event));
    host.addEventListener('connect-error', (event) => {
      if (event.target !== host || this.#ownEvents.has(event)) return;
      onFlowEnd();
      // A flow the user declined left the status idle (flow-outcome.ts): said, not shown as the item's error.
      if (flow.status === 'error') this.#showFailure(event.detail.source, event.detail.message);
      else this.#announce(event.detail.message);
    });
    host.addEventListener('connect-exit', (event) => {
      if (event.target !== host) return;
      onFlowEnd();
      this.#announce('');
    });
  }

  /** The last failure of `source`'s flow or disconnect. */
  errorOf(source: string): string | undefined {
    return this.#itemErrors.get(source);
  }

  /** `source`'s item launches again: its last failure goes. */
  clear(source: string): void {
    this.#itemErrors.delete(source);
  }

  /** The search or the category changed: the next update says how many sources they let through. */
  countNext(): void {
    this.#announceCount = true;
  }

  /**
   * From the host's `willUpdate`, with how many sources it shows: in the same
   * update as the list (a second one would re-render every row before the
   * virtualizer had placed them).
   */
  update(shown: number): void {
    if (this.#announceCount) {
      this.#announceCount = false;
      this.text = this.#flow.localize.t('matchCount', shown);
    }
    // Mirror the flow's progress ("Connecting…") in the live region; outcomes are announced by the event listeners.
    const flow = this.#flow;
    const status = `${flow.status}${flow.waiting ? ':waiting' : ''}`;
    if (status !== this.#lastFlowStatus) {
      this.#lastFlowStatus = status;
      if (flow.status === 'loading' || flow.status === 'open') this.text = flow.announcement;
    }
  }

  /** A connection of the source `name` was disconnected. */
  disconnected(name: string): void {
    this.#announce(this.#flow.localize.t('sourceDisconnected', isolate(name)));
  }

  /** A disconnect failed: `message` on its item and in the live region, not again by the listener of its `connect-error` (`event`). */
  disconnectFailed(source: string, message: string, event: Event): void {
    this.#ownEvents.add(event);
    this.#showFailure(source, message);
  }

  #announce(text: string): void {
    this.text = text;
    this.#host.requestUpdate();
  }

  #onFlowSuccess(event: ConnectSuccessEvent): void {
    if (event.target !== this.#host) return;
    const { source } = event.detail;
    this.#itemErrors.delete(source);
    this.#announce(this.#flow.localize.t('sourceConnected', isolate(this.#nameOf(source))));
  }

  #showFailure(source: string, message: string): void {
    if (source) this.#itemErrors.set(source, message);
    this.#announce(message);
  }
}
