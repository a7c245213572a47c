import { expect, fixture, html as fixtureHtml, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { css, html, LitElement } from 'lit';
import { RovingFocusController, type RovingLayout } from './roving-focus.js';

/** A plain host: items as children of `.items`, a CSS grid of three columns in the grid layout. */
class RovingHost extends LitElement {
  static override styles = css`
    .items[data-layout='grid'] {
      display: grid;
      grid-template-columns: repeat(3, 4rem);
    }
  `;
  static override properties = { items: { attribute: false }, layout: {}, absent: { attribute: false } };
  declare items: string[];
  declare layout: RovingLayout;
  /** Indexes left out of the DOM, as a virtualizer leaves out what is not in view. */
  declare absent: Set<number>;
  revealed: number[] = [];
  readonly roving = new RovingFocusController(this, {
    items: () => this.items,
    key: (item) => item,
    root: () => this.renderRoot.querySelector('.items'),
    layout: () => this.layout,
    reveal: (index) => {
      this.revealed.push(index);
      this.absent = new Set([...this.absent].filter((absent) => absent !== index));
    },
  });

  constructor() {
    super();
    this.items = [];
    this.layout = 'vertical';
    this.absent = new Set();
  }

  override render() {
    return html`<div class="items" data-layout=${this.layout} @keydown=${this.roving.handleKeyDown} @focusin=${this.roving.handleFocusIn}>
      ${this.items.map((item, index) =>
        this.absent.has(index) ? null : html`<div data-index=${index} tabindex=${this.roving.tabIndex(index)}>${item}<button tabindex="-1">x</button></div>`,
      )}
    </div>`;
  }
}
customElements.define('roving-host', RovingHost);

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const focusedIndex = (el: RovingHost) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.index;
const tabbable = (el: RovingHost) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[data-index]')].filter((item) => item.tabIndex === 0).map((item) => item.dataset.index);
const itemAt = (el: RovingHost, index: number) => el.shadowRoot!.querySelector<HTMLElement>(`[data-index="${index}"]`)!;

async function host(attrs: { layout?: RovingLayout; dir?: string } = {}): Promise<RovingHost> {
  return fixture<RovingHost>(fixtureHtml`<roving-host dir=${attrs.dir ?? 'ltr'} .layout=${attrs.layout ?? 'vertical'} .items=${LETTERS}></roving-host>`);
}

async function press(el: RovingHost, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('RovingFocusController', () => {
  it('makes the items one tab stop that follows focus; Up and Down move by one, Home and End to the ends', async () => {
    const el = await host();
    expect(tabbable(el)).to.deep.equal(['0']);
    itemAt(el, 0).focus();
    await press(el, 'ArrowDown');
    expect(focusedIndex(el)).to.equal('1');
    expect(tabbable(el)).to.deep.equal(['1']);
    await press(el, 'End');
    expect(focusedIndex(el)).to.equal('7');
    await press(el, 'ArrowDown'); // past the end: stays
    expect(focusedIndex(el)).to.equal('7');
    await press(el, 'Home');
    expect(focusedIndex(el)).to.equal('0');
    await press(el, 'ArrowUp');
    expect(focusedIndex(el)).to.equal('0');
    await press(el, 'ArrowRight'); // not a grid
    expect(focusedIndex(el)).to.equal('0');
  });

  it('takes the tab stop to an item focused another way (a click, a screen reader)', async () => {
    const el = await host();
    itemAt(el, 5).focus();
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal(['5']);
  });

  it('leaves keys with a modifier, and keys on no item, to the page', async () => {
    const el = await host();
    const ctrl = new KeyboardEvent('keydown', { key: 'ArrowDown', ctrlKey: true, bubbles: true, cancelable: true });
    itemAt(el, 0).dispatchEvent(ctrl);
    expect(ctrl.defaultPrevented).to.be.false;
    const outside = new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true });
    el.shadowRoot!.querySelector('.items')!.dispatchEvent(outside);
    expect(outside.defaultPrevented).to.be.false;
    const handled = new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true });
    itemAt(el, 0).querySelector('button')!.dispatchEvent(handled);
    expect(handled.defaultPrevented, 'a key in an item (on its button) moves').to.be.true;
  });

  it('moves by one with Left and Right and by a row with Up and Down in a grid', async () => {
    const el = await host({ layout: 'grid' });
    itemAt(el, 0).focus();
    await press(el, 'ArrowRight');
    expect(focusedIndex(el)).to.equal('1');
    await press(el, 'ArrowDown');
    expect(focusedIndex(el)).to.equal('4');
    await press(el, 'ArrowDown');
    expect(focusedIndex(el)).to.equal('7');
    await press(el, 'ArrowUp');
    await press(el, 'ArrowLeft');
    expect(focusedIndex(el)).to.equal('3');
  });

  it('mirrors Left and Right in a right-to-left grid, where the first item is on the right', async () => {
    const el = await host({ layout: 'grid', dir: 'rtl' });
    expect(itemAt(el, 1).getBoundingClientRect().left, 'the grid runs from the right').to.be.below(itemAt(el, 0).getBoundingClientRect().left);
    itemAt(el, 0).focus();
    await press(el, 'ArrowLeft');
    expect(focusedIndex(el)).to.equal('1');
    await press(el, 'ArrowLeft');
    await press(el, 'ArrowRight');
    expect(focusedIndex(el)).to.equal('1');
    await press(el, 'ArrowDown');
    expect(focusedIndex(el), 'rows do not mirror').to.equal('4');
  });

  it('keeps the tab stop on its item when the items change around it', async () => {
    const el = await host();
    itemAt(el, 2).focus(); // "c"
    await el.updateComplete;
    el.items = ['z', ...LETTERS];
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal(['3']);
    el.items = ['x', 'y'];
    await el.updateComplete;
    expect(tabbable(el), 'gone: the first item').to.deep.equal(['0']);
  });

  it('gives the tab stop to the first rendered item while the active one is out of the DOM', async () => {
    const el = await host();
    itemAt(el, 6).focus();
    await el.updateComplete;
    el.roving.setRendered(0, 3);
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal(['0']);
    el.roving.setRendered(4, 7);
    await el.updateComplete;
    expect(tabbable(el)).to.deep.equal(['6']);
  });

  it('asks for an item that is not in the DOM to be revealed, then focuses it', async () => {
    const el = await host();
    el.absent = new Set([7]);
    await el.updateComplete;
    itemAt(el, 0).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedIndex(el) === '7', 'the revealed last item focused');
    expect(el.revealed).to.deep.equal([7]);
  });
});
