import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { SourceListElement, VIRTUALIZE_ABOVE } from './source-list.js';
import type { CatalogSource } from './catalog.js';

SourceListElement.define();
// Every module this page requests from now on is in the timeline, however many the runner loaded before.
performance.setResourceTimingBufferSize(100_000);

/** Whether the page has asked for the virtualizer (its own module, or @lit-labs/virtualizer's). */
const virtualizerRequested = () => performance.getEntriesByType('resource').some((entry) => /virtual-list|@lit-labs\/virtualizer/.test(entry.name));

const shadow = (el: SourceListElement) => el.shadowRoot!;
const list = (el: SourceListElement) => shadow(el).querySelector<HTMLElement>('[part="list"]')!;
const items = (el: SourceListElement) => [...shadow(el).querySelectorAll<HTMLElement>('[part~="item"]')];
const focused = (el: SourceListElement) => shadow(el).activeElement as HTMLElement | null;
const tabStops = (el: SourceListElement) => items(el).filter((item) => item.tabIndex === 0);
const nameOf = (item: HTMLElement | null) => item?.querySelector('[part="name"]')?.textContent;
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function generated(count: number, prefix = 'Source'): CatalogSource[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix.toLowerCase()}-${i}`, name: `${prefix} ${i}`, category: `category-${'abcdefg'[i % 7]}` }));
}

/** Waits until the virtualizer has rendered and placed its first rows. */
async function virtualized(el: SourceListElement): Promise<void> {
  await waitUntil(() => list(el).classList.contains('virtual') && items(el).length > 0 && items(el).every((item) => item.style.position === 'absolute'), 'the virtualized rows', {
    timeout: 8000,
  });
  await frame();
}

async function plain(el: SourceListElement, count: number): Promise<void> {
  await waitUntil(() => !list(el).classList.contains('virtual') && items(el).length === count, `${count} plain items`, { timeout: 4000 });
}

// One page for this file: the first test must run before anything here loads the virtualizer.
describe('<source-list>: plain up to VIRTUALIZE_ABOVE sources, virtualized above', () => {
  it(`renders a catalog of ${VIRTUALIZE_ABOVE} sources plainly, every item in the DOM, without loading the virtualizer`, async () => {
    const el = await fixture<SourceListElement>(html`<source-list .sources=${generated(VIRTUALIZE_ABOVE)}></source-list>`);
    await plain(el, VIRTUALIZE_ABOVE);
    expect(items(el).every((item) => !item.style.position), 'no item positioned by a virtualizer').to.be.true;
    expect(items(el).map((item) => item.getAttribute('aria-posinset'))).to.deep.equal(generated(VIRTUALIZE_ABOVE).map((_, i) => String(i + 1)));
    expect(new Set(items(el).map((item) => item.getAttribute('aria-setsize')))).to.deep.equal(new Set([String(VIRTUALIZE_ABOVE)]));
    expect(tabStops(el)).to.have.length(1);
    // The grid too.
    el.layout = 'grid';
    await plain(el, VIRTUALIZE_ABOVE);
    await frame();
    expect(virtualizerRequested(), 'the virtualizer was requested').to.be.false;
    await expect(el).to.be.accessible();
  });

  it('virtualizes a longer catalog, loading the virtualizer: only tens of items are in the DOM', async () => {
    const count = VIRTUALIZE_ABOVE + 1;
    const el = await fixture<SourceListElement>(html`<source-list .sources=${generated(count)}></source-list>`);
    await virtualized(el);
    expect(virtualizerRequested()).to.be.true;
    expect(items(el).length).to.be.within(5, 60);
    expect(items(el)[0].getAttribute('aria-setsize')).to.equal(String(count));
    expect(tabStops(el)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('switches both ways when sources change, and focus stays on the same source', async () => {
    const el = await fixture<SourceListElement>(html`<source-list .sources=${generated(50)}></source-list>`);
    await plain(el, 50);
    items(el)[3].focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(nameOf(focused(el))).to.equal('Source 4');

    // Longer: 300 other sources come first, so source-4 is now far down the virtualized list.
    el.sources = [...generated(300, 'Other'), ...generated(50)];
    await virtualized(el);
    await waitUntil(() => nameOf(focused(el)) === 'Source 4', 'focus on Source 4 in the virtualized list', { timeout: 4000 });
    expect(focused(el)!.dataset.index).to.equal('304');
    expect(tabStops(el)).to.deep.equal([focused(el)]);
    await sendKeys({ press: 'ArrowDown' });
    expect(nameOf(focused(el))).to.equal('Source 5');

    // Shorter again: plain, and focus still follows the source.
    el.sources = generated(50);
    await plain(el, 50);
    await waitUntil(() => nameOf(focused(el)) === 'Source 5', 'focus on Source 5 in the plain list', { timeout: 4000 });
    expect(tabStops(el)).to.deep.equal([focused(el)]);
    await sendKeys({ press: 'End' });
    expect(nameOf(focused(el))).to.equal('Source 49');
  });

  it('keeps the search and its result when the catalog crosses the threshold', async () => {
    const el = await fixture<SourceListElement>(html`<source-list .sources=${generated(20)}></source-list>`);
    await plain(el, 20);
    shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.focus();
    await sendKeys({ type: 'source 1' });
    // Every word matches: "source" and "1", so the sources whose number has a 1.
    const matches = (count: number) => generated(count).filter((source) => source.name.includes('1')).length;
    await plain(el, matches(20));
    el.sources = generated(1000);
    await virtualized(el);
    expect(shadow(el).querySelector<HTMLInputElement>('[part="search"]')!.value).to.equal('source 1');
    expect(items(el)[0].getAttribute('aria-setsize')).to.equal(String(matches(1000)));
    el.sources = generated(20);
    await plain(el, matches(20));
  });

  it('lays out as many cards a row in a plain grid as in a virtualized one, from the right in a right-to-left page', async () => {
    const rows = async (count: number, dir: 'ltr' | 'rtl') => {
      const wrapper = await fixture<HTMLElement>(html`<div dir=${dir}><source-list layout="grid" .sources=${generated(count)}></source-list></div>`);
      const el = wrapper.querySelector('source-list')!;
      await waitUntil(() => items(el).length > 8, 'the cards');
      if (count > VIRTUALIZE_ABOVE) await virtualized(el);
      await frame();
      const at = (index: number) => items(el).find((item) => item.dataset.index === String(index))!.getBoundingClientRect();
      const columns = items(el).filter((item) => Math.abs(item.getBoundingClientRect().top - at(0).top) < 1).length;
      return { columns, secondIsLeftOfFirst: at(1).right <= at(0).left, width: Math.round(at(0).width) };
    };
    for (const dir of ['ltr', 'rtl'] as const) {
      const short = await rows(40, dir);
      const long = await rows(400, dir);
      expect(short.columns, dir).to.be.above(1);
      expect(short.columns, `${dir}: columns of a plain grid and of a virtualized one`).to.equal(long.columns);
      expect(Math.abs(short.width - long.width), `${dir}: card widths ${short.width} and ${long.width}`).to.be.at.most(8);
      expect(short.secondIsLeftOfFirst, `${dir}: plain`).to.equal(dir === 'rtl');
      expect(long.secondIsLeftOfFirst, `${dir}: virtualized`).to.equal(dir === 'rtl');
    }
  });
});
