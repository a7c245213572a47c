// Must NOT type-check (test/examples asserts each error). With the directives from
// connect-elements/angular (no CUSTOM_ELEMENTS_SCHEMA), each line below is one mistake.
import { Component } from '@angular/core';
import { ConnectButton, SourceList } from 'connect-elements/angular';

@Component({
  selector: 'app-wrong',
  imports: [ConnectButton, SourceList],
  template: `
    <connect-button [sesionUrl]="'/api/connect-session'">Connect</connect-button>
    <connect-button [mode]="'popover'">Connect</connect-button>
    <connect-button mode="popover">Connect</connect-button>
    <connect-button (connect-success)="save($event.detail.conectionId)">Connect</connect-button>
    <connect-button (connect-sucess)="save($event.detail.connectionId)">Connect</connect-button>
    <source-list [sources]="'github'"></source-list>
    <conect-button>Connect</conect-button>
  `,
})
export class WrongComponent {
  save(id: string) {
    return id;
  }
}
