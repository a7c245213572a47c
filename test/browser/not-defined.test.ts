// The README's rule for pages that render on the client only: a <connect-button> that has
// not upgraded yet takes the box it will have, so nothing moves when its tag is defined.
import { expect } from '@open-wc/testing';
import { ConnectButtonElement } from '../../src/connect-button/connect-button.js';

/** The README's rule, for a tag of this test's own (the page's <connect-button> is defined by other tests' files). */
const rule = (tag: string) =>
  `${tag}:not(:defined) { display: inline-block; box-sizing: border-box; min-block-size: 2.5rem; padding: 0.5rem 1rem; border: 1px solid transparent; font: 600 0.9375rem/1.2 system-ui, sans-serif; visibility: hidden; }`;

describe('a <connect-button> not yet defined (the README\'s :not(:defined) rule)', () => {
  it('takes the box of the upgraded button, so the text after it does not move', async () => {
    const tag = 'not-defined-connect-button';
    const style = document.head.appendChild(document.createElement('style'));
    style.textContent = rule(tag);
    const holder = document.body.appendChild(document.createElement('p'));
    holder.innerHTML = `<${tag} source="github">Connect GitHub</${tag}><span id="after">after</span>`;
    const el = holder.querySelector(tag)!;
    const after = holder.querySelector('#after')!;
    const before = { box: el.getBoundingClientRect(), next: after.getBoundingClientRect() };
    try {
      expect(getComputedStyle(el).visibility).to.equal('hidden');
      ConnectButtonElement.define(tag);
      await (el as ConnectButtonElement).updateComplete;
      const box = el.getBoundingClientRect();
      expect(getComputedStyle(el).visibility).to.equal('visible');
      // Within a pixel: font rounding may differ between the light-DOM text and the shadow button.
      expect(Math.abs(box.width - before.box.width), `width ${before.box.width} → ${box.width}`).to.be.at.most(1);
      expect(Math.abs(box.height - before.box.height), `height ${before.box.height} → ${box.height}`).to.be.at.most(1);
      expect(Math.abs(after.getBoundingClientRect().left - before.next.left)).to.be.at.most(1);
    } finally {
      holder.remove();
      style.remove();
    }
  });
});
