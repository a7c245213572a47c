import { expect } from '@open-wc/testing';
import { SourceListElement } from '../../src/source-list/source-list.js';

// A page of its own: the first list here is the first on the page, so the code it renders
// sources with (src/source-list/parts.ts) has not loaded yet.
SourceListElement.define();

const requested = (name: RegExp) => performance.getEntriesByType('resource').filter((entry) => name.test(entry.name));

describe('the first <source-list> on a page', () => {
  it('loads the code it renders sources with, and updateComplete waits for it', async () => {
    expect(requested(/\/source-list\/(?:parts|catalog|item)\./), 'loaded before any list').to.have.length(0);
    const el = document.createElement('source-list');
    el.sources = [
      { id: 'github', name: 'GitHub', category: 'code' },
      { id: 'spotify', name: 'Spotify', category: 'music' },
    ];
    el.connections = [{ source: 'spotify', connectionId: 'conn_spotify' }];
    document.body.append(el);
    try {
      await el.updateComplete;
      const root = el.shadowRoot!;
      const names = [...root.querySelectorAll('[part="name"]')].map((name) => name.textContent);
      expect(names).to.deep.equal(['GitHub', 'Spotify']);
      expect(root.querySelector('[part~="list-loading"]')).to.equal(null);
      expect(root.querySelectorAll('[part~="item"][tabindex="0"]'), 'one tab stop: the roving focus is in').to.have.length(1);
      expect(root.querySelector('[part~="reconnect"]'), 'the connections were validated once the code was in').to.exist;
      expect(requested(/\/source-list\/parts\./), 'the parts module').to.have.length(1);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });
});
