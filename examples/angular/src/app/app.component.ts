import { Component, signal } from '@angular/core';
import type { CatalogSource, ConnectSuccessEvent } from 'connect-elements';
import { ConnectButton, SourceList } from 'connect-elements/angular';

@Component({
  selector: 'app-root',
  // The directives from connect-elements/angular, not CUSTOM_ELEMENTS_SCHEMA: strictTemplates
  // then checks each tag, [property] binding, value and $event against the elements' types.
  imports: [ConnectButton, SourceList],
  template: `
    <main>
      <h1>Angular</h1>
      <!-- $event is a ConnectSuccessEvent (the directive's connect-success output). -->
      <connect-button sessionUrl="/api/connect-session" source="github" [scopes]="scopes" timeout="120" (connect-success)="onSuccess($event)">
        Connect GitHub
      </connect-button>
      <output id="result">{{ connected() }}</output>
      <output id="successes">{{ successes() }}</output>
      <source-list label="Sources" sessionUrl="/api/connect-session" [sources]="sources()" (connect-success)="onSuccess($event)"></source-list>
    </main>
  `,
})
export class AppComponent {
  protected readonly scopes = ['repo', 'read:user'];
  protected readonly sources = signal<CatalogSource[]>([]);
  protected readonly connected = signal('');
  /** How many times a success handler ran: once per flow, or events would be delivered twice. */
  protected readonly successes = signal(0);

  constructor() {
    fetch('/api/sources')
      .then((response) => response.json())
      .then((body: CatalogSource[] | { sources: CatalogSource[] }) => this.sources.set(Array.isArray(body) ? body : body.sources));
  }

  protected onSuccess(event: ConnectSuccessEvent) {
    this.successes.update((count) => count + 1);
    this.connected.set(`${event.detail.source}: ${event.detail.connectionId}`);
  }
}
