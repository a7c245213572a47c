// Must NOT type-check (test/examples asserts each error).
import { CUSTOM_ELEMENTS_SCHEMA, Component } from '@angular/core';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <connect-button (connect-success)="save($event.detail.conectionId)">Connect</connect-button>
    <connect-button (connect-sucess)="save($event.detail.connectionId)">Connect</connect-button>
  `,
})
export class WrongComponent {
  save(id: string) {
    return id;
  }
}
