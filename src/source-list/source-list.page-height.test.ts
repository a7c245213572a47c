import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SourceListElement, VIRTUALIZE_ABOVE } from './source-list.js';
import type { CatalogSource } from './catalog.js';
import { engine, ignoreResizeObserverLoop } from '../../test/browser/helpers.js';

SourceListElement.define();

const list = (el: SourceListElement) => el.shadowRoot!.querySelector<HTMLElement>('[part="list"]')!;
const items = (el: SourceListElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

function generated(count: number): CatalogSource[] {
  return Array.from({ length: count }, (_, i) => ({ id: `source-${i}`, name: `Source ${i}`, description: `Source number ${i}.` }));
}

/**
 * How far the page scrolls past the list's own bottom (px): what its content
 * needs is the list, then the body's bottom margin. Anything beyond is a blank
 * tail made by something inside the list that escaped its scroller.
 */
function blankTail(el: SourceListElement): number {
  const page = document.scrollingElement!;
  const contentBottom = el.getBoundingClientRect().bottom + page.scrollTop + parseFloat(getComputedStyle(document.body).marginBottom);
  return page.scrollHeight - Math.max(page.clientHeight, Math.ceil(contentBottom));
}

// Every item's action has a visually hidden name (an absolutely positioned span):
// those of the rows scrolled out of the list's view must stay inside its scroller.
describe('<source-list>: a long list scrolls inside itself, never the page beyond it', () => {
  for (const layout of ['list', 'grid'] as const) {
    it(`a plain ${layout} of ${VIRTUALIZE_ABOVE} sources adds no height to the page below itself`, async () => {
      const el = await fixture<SourceListElement>(html`<source-list layout=${layout} .sources=${generated(VIRTUALIZE_ABOVE)}></source-list>`);
      await waitUntil(() => !list(el).classList.contains('virtual') && items(el).length === VIRTUALIZE_ABOVE, 'every item, plainly', { timeout: 4000 });
      await frame();
      expect(list(el).scrollHeight, 'the list has more than it shows').to.be.greaterThan(list(el).clientHeight * 2);
      expect(blankTail(el)).to.be.at.most(0);
    });

    it(`a virtualized ${layout} adds no height to the page below itself, scrolled to its end too`, async () => {
      // WebKit reports the virtualizer's own row observer as an uncaught "ResizeObserver loop" (see the helper): only there, only that message.
      const restore = engine === 'webkit' ? ignoreResizeObserverLoop() : () => {};
      try {
        await virtualizedAddsNoTail(layout);
      } finally {
        restore();
      }
    });
  }
});

/** A virtualized list of twice the plain limit leaves no blank tail below itself, at its top and scrolled to its end. */
async function virtualizedAddsNoTail(layout: 'list' | 'grid'): Promise<void> {
  const el = await fixture<SourceListElement>(html`<source-list layout=${layout} .sources=${generated(VIRTUALIZE_ABOVE * 2)}></source-list>`);
  await waitUntil(() => list(el).classList.contains('virtual') && items(el).length > 0 && items(el).every((item) => item.style.position === 'absolute'), 'the virtualized rows', {
    timeout: 8000,
  });
  await frame();
  expect(blankTail(el), 'at its top').to.be.at.most(0);
  // As a user scrolls to the end: again while the virtualizer, measuring the rows it reaches, corrects its estimated height.
  await waitUntil(
    () => {
      list(el).scrollTop = list(el).scrollHeight;
      return items(el).some((item) => item.dataset.index === String(VIRTUALIZE_ABOVE * 2 - 1));
    },
    'the last rows rendered',
    { timeout: 8000 },
  );
  await frame();
  expect(blankTail(el), 'at its end').to.be.at.most(0);
}
