import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceListElement, VIRTUALIZE_ABOVE } from './source-list.js';
import type { CatalogSource } from './catalog.js';

SourceListElement.define();

const shadow = (el: SourceListElement) => el.shadowRoot!;
const list = (el: SourceListElement) => shadow(el).querySelector<HTMLElement>('[part="list"]')!;
const items = (el: SourceListElement) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="item"]')];
const focused = (el: SourceListElement) => shadow(el).activeElement as HTMLElement | null;
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function generated(count: number): CatalogSource[] {
  return Array.from({ length: count }, (_, i) => ({ id: `source-${i}`, name: `Source ${i}`, category: `category-${'abc'[i % 3]}` }));
}

/**
 * Firefox makes an element that scrolls a Tab stop of its own (Chromium only when
 * nothing inside it can take focus): the list scrolls here, as a real catalog does,
 * so that a second stop on the list box would show.
 */
async function scrollingList(count: number): Promise<SourceListElement> {
  const el = await fixture<SourceListElement>(html`<source-list style="--source-list-max-height: 12rem" .sources=${generated(count)}></source-list>`);
  const virtual = count > VIRTUALIZE_ABOVE;
  await waitUntil(() => list(el).classList.contains('virtual') === virtual && items(el).length > 0 && (!virtual || items(el).every((item) => item.style.position === 'absolute')), 'the rows', { timeout: 8000 });
  await frame();
  expect(list(el).scrollHeight, 'the list scrolls').to.be.greaterThan(list(el).clientHeight + 50);
  return el;
}

async function tabFromTheFilterToTheList(el: SourceListElement): Promise<void> {
  shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.focus();
  await sendKeys({ press: 'Tab' }); // the category select
  await sendKeys({ press: 'Tab' });
  expect(focused(el)?.dataset.index, 'the second Tab reaches the first source, not the list box').to.equal('0');
  await sendKeys({ press: 'ArrowDown' });
  expect(focused(el)?.dataset.index, 'ArrowDown moves to the next source').to.equal('1');
}

describe('<source-list>: a list that scrolls is still one Tab stop', () => {
  it('goes from the filter to the first source in one Tab, in a plain list that scrolls', async () => {
    const el = await scrollingList(40);
    expect(list(el).classList.contains('virtual')).to.be.false;
    await tabFromTheFilterToTheList(el);
  });

  it('goes from the filter to the first source in one Tab, in the virtualized list', async () => {
    const el = await scrollingList(VIRTUALIZE_ABOVE + 1);
    expect(list(el).classList.contains('virtual')).to.be.true;
    await tabFromTheFilterToTheList(el);
  });
});
