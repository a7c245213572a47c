import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { CatalogSource, ConnectSuccessEvent } from 'connect-elements';

@Component({
  selector: 'app-root',
  // What lets Angular render any custom element; it also stops Angular checking the names
  // and types of those elements' [property] bindings.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Angular</h1>
      <!-- $event is a ConnectSuccessEvent (GlobalEventHandlersEventMap, from connect-elements/define). -->
      <connect-button session-url="/api/connect-session" source="github" scopes="repo read:user" (connect-success)="onSuccess($event)">
        Connect GitHub
      </connect-button>
      <output id="result">{{ connected() }}</output>
      <source-list label="Sources" session-url="/api/connect-session" [sources]="sources()" (connect-success)="onSuccess($event)"></source-list>
    </main>
  `,
})
export class AppComponent {
  protected readonly sources = signal<CatalogSource[]>([]);
  protected readonly connected = signal('');

  constructor() {
    fetch('/api/sources')
      .then((response) => response.json())
      .then((body: CatalogSource[] | { sources: CatalogSource[] }) => this.sources.set(Array.isArray(body) ? body : body.sources));
  }

  protected onSuccess(event: ConnectSuccessEvent) {
    this.connected.set(`${event.detail.source}: ${event.detail.connectionId}`);
  }
}
