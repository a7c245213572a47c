/**
 * The connections of a `<source-list>`: its `connections` property read per
 * source, what its form submits, and how they change: a flow's success joins
 * (in place of the connection the list launched that flow for, beside the
 * others of a `multiple` source, else as its source's one), a disconnect drops
 * one, `form.reset()` goes back to the ones the page gave, and back/forward
 * restores the browser's. The list's form plumbing calls it.
 */
import type { ConnectionEntries } from '../internal/connect-form-element.js';
import type { SourceConnection } from './catalog.js';
import { loadedParts } from './lazy-parts.js';

export class ListConnections {
  readonly #host: { connections: readonly SourceConnection[] };
  #bySource = new Map<string, SourceConnection[]>();
  /** The connections the page gave (the property, or `connections-url`): what `form.reset()` goes back to. */
  #given: readonly SourceConnection[] = [];
  /** The last `connections` the list set itself (after a flow, a disconnect, a reset): not the page's. */
  #own: readonly SourceConnection[] | undefined;
  /** The item and connection (`''`: a new one) of the flow this list launched last: its success takes that connection's place. */
  #launched: { source: string; connectionId: string } | undefined;

  constructor(host: { connections: readonly SourceConnection[] }) {
    this.#host = host;
  }

  /** `connections` changed (the host's willUpdate): read per source again; if the page set them, they are what a reset goes back to. */
  read(): void {
    const { connections } = this.#host;
    this.#bySource = loadedParts()?.connectionsBySource(connections) ?? new Map();
    if (connections !== this.#own) this.#given = connections;
  }

  /** `source`'s connections, in order (the first is the one a Connect reconnects); none before the parts are in. */
  of(source: string): SourceConnection[] {
    return this.#bySource.get(source) ?? [];
  }

  /** The connection id the last flow was launched for (`''`: a new one): the item shows it starting. */
  get launched(): string {
    return this.#launched?.connectionId ?? '';
  }

  /**
   * Runs `launch`, which starts a flow for `connectionId` of `source` (`''`: a
   * new account): its success joins in that connection's place. A click on a
   * running flow starts none (`launch` says `false`): that flow's connection stays.
   */
  launch(source: string, connectionId: string, launch: () => boolean): void {
    const before = this.#launched;
    this.#launched = { source, connectionId };
    if (!launch()) this.#launched = before;
  }

  /** The flow ended without a success: nothing joins. */
  forget(): void {
    this.#launched = undefined;
  }

  /** A flow of `source` succeeded with `connectionId` (before `connect-success` is fired): it joins the others (`multiple`: the source takes several). */
  keep(source: string, connectionId: string, multiple: boolean | undefined): void {
    // The parts are in: a flow starts from a rendered item, and a redirect return is reported after updateComplete, which waits for them.
    const parts = loadedParts();
    const launched = this.#launched?.source === source ? this.#launched : undefined;
    this.#launched = undefined;
    // A Reconnect's connection is replaced; a new one goes beside the others of a `multiple` source, else replaces them.
    if (parts) this.#set(parts.withConnection(this.#host.connections, { source, connectionId }, { replacing: launched?.connectionId || undefined, multiple }));
  }

  /** `connectionId` was disconnected (from a rendered item: the parts are loaded). */
  drop(connectionId: string): void {
    this.#set(loadedParts()!.withoutConnection(this.#host.connections, connectionId));
  }

  /** `form.reset()`: back to the connections the page gave. */
  reset(): void {
    this.#set(this.#given);
  }

  /** Back/forward: the entries the browser kept. */
  restore(entries: ConnectionEntries): void {
    this.#set(entries.map(([source, connectionId]) => ({ source, connectionId })));
  }

  /** What the form gets: `[source, connection id]` of every connection, in order. */
  entries(): ConnectionEntries {
    // From the property, not the rendered map: a success is in the form before the list re-renders.
    return [...(loadedParts()?.connectionsBySource(this.#host.connections) ?? [])].flatMap(([source, list]) => list.map(({ connectionId }) => [source, connectionId] as const));
  }

  #set(connections: readonly SourceConnection[]): void {
    this.#host.connections = this.#own = connections;
  }
}
