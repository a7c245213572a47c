import { expect } from '@open-wc/testing';
import { connectionsBySource, parseCatalog, parseConnections, parseSource, safeIconUrl, withConnection, withoutConnection } from './catalog.js';

describe('<source-list> catalog helpers', () => {
  describe('safeIconUrl', () => {
    it('accepts https:, http: on a loopback host, and data:image/', () => {
      for (const url of [
        'https://cdn.example.com/github.svg',
        'http://localhost:8000/a.png',
        'http://app.localhost/a.png',
        'http://127.0.0.1:9/a.png',
        'http://[::1]/a.png',
        'data:image/png;base64,iVBORw0KGgo=',
        'DATA:IMAGE/SVG+XML,<svg/>',
      ]) {
        expect(safeIconUrl(url), url).to.be.a('string');
      }
    });

    it('refuses javascript:, other data: types, plain http: elsewhere, and non-strings', () => {
      for (const url of [
        'javascript:alert(1)',
        ' JavaScript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'http://example.com/a.png',
        'http://localhost.evil.com/a.png',
        'http://127.0.0.1.evil.com/a.png',
        'ftp://example.com/a.png',
        'blob:https://example.com/1',
        '',
        42,
        null,
        { toString: () => 'https://example.com/a.png' },
        `data:image/png;base64,${'A'.repeat(70_000)}`,
      ]) {
        expect(safeIconUrl(url), String(url).slice(0, 40)).to.be.undefined;
      }
    });

    it("resolves a relative icon against the catalog's URL, then applies the same rule", () => {
      expect(safeIconUrl('/icons/a.svg', 'https://api.example.com/v1/sources')).to.equal('https://api.example.com/icons/a.svg');
      expect(safeIconUrl('icons/a.svg', 'http://localhost:8000/api/sources')).to.equal('http://localhost:8000/api/icons/a.svg');
      expect(safeIconUrl('/icons/a.svg', 'http://example.com/sources')).to.be.undefined;
      expect(safeIconUrl('//evil.example/a.svg', 'http://localhost/')).to.be.undefined;
    });
  });

  describe('parseCatalog', () => {
    it('takes an array or { sources: [...] }, and nothing else', () => {
      const item = { id: 'github', name: 'GitHub' };
      expect(parseCatalog([item])!.map((s) => s.id)).to.deep.equal(['github']);
      expect(parseCatalog({ sources: [item] })!.map((s) => s.id)).to.deep.equal(['github']);
      for (const body of [null, undefined, 'github', 42, {}, { sources: 'github' }, { items: [item] }]) {
        expect(parseCatalog(body), JSON.stringify(body)).to.be.null;
      }
    });

    it('drops items without a string id and name, and keeps the first of duplicate ids', () => {
      const sources = parseCatalog([
        { id: 'a', name: 'First' },
        { id: 'a', name: 'Second' },
        { id: 1, name: 'Number' },
        { id: '', name: 'Empty' },
        { id: '   ', name: 'Blank' },
        { id: 'x\u202Ey', name: 'Bidi id' },
        { id: 'no-name' },
        { id: 'blank-name', name: '  \u200B ' },
        { id: 'object', name: ['GitHub'] },
        null,
        'b',
        { id: 'b', name: 'Bee' },
      ])!;
      expect(sources.map((s) => [s.id, s.name])).to.deep.equal([
        ['a', 'First'],
        ['b', 'Bee'],
      ]);
    });

    it('cleans and clamps every string, and defaults the optional fields', () => {
      const source = parseSource({
        id: 'evil',
        name: `  <b>Bold</b>\u202E${'n'.repeat(500)}`,
        description: 'd'.repeat(10_000),
        category: 42,
        scopes: ['repo', 'repo', 7, '', 'with space', 'read:user'],
        status: 'exploded',
        icon: 'javascript:alert(1)',
      })!;
      expect(source.name.startsWith('<b>Bold</b> n')).to.be.true;
      expect(source.name.length).to.be.at.most(120);
      expect(source.description.length).to.equal(300);
      expect(source.description.endsWith('…')).to.be.true;
      expect(source.category).to.equal('');
      expect(source.scopes).to.deep.equal(['repo', 'read:user']);
      expect(source.status).to.equal('available');
      expect(source.icon).to.be.undefined;
      expect(source.initial).to.equal('<');
    });

    it('accepts scopes as a space- or comma-separated string, and leaves them undefined when there are none', () => {
      expect(parseSource({ id: 'a', name: 'A', scopes: 'repo, gist' })!.scopes).to.deep.equal(['repo', 'gist']);
      expect(parseSource({ id: 'a', name: 'A', scopes: [] })!.scopes).to.be.undefined;
      expect(parseSource({ id: 'a', name: 'A' })!.scopes).to.be.undefined;
    });

    it('keeps the three statuses', () => {
      for (const status of ['available', 'beta', 'coming_soon']) {
        expect(parseSource({ id: 'a', name: 'A', status })!.status).to.equal(status);
      }
    });
  });

  describe('parseConnections', () => {
    it('takes an array or { connections: [...] } and keeps only well-formed entries', () => {
      const good = { source: 'github', connectionId: 'conn_1' };
      expect(parseConnections([good])).to.deep.equal([good]);
      expect(parseConnections({ connections: [good, { source: 'x' }, { connectionId: 'c' }, null, { source: 'a', connectionId: 5 }] })).to.deep.equal([good]);
      expect(parseConnections([{ ...good, status: 'expired', extra: true }])).to.deep.equal([{ ...good, status: 'expired' }]);
      expect(parseConnections({ items: [] })).to.be.null;
      expect(parseConnections('github')).to.be.null;
    });
  });

  describe('keeping connections', () => {
    const github = { source: 'github', connectionId: 'conn_g' };
    const spotify = { source: 'spotify', connectionId: 'conn_s', status: 'expired' };

    it('maps each source to its first connection, and an invalid list to none', () => {
      const bySource = connectionsBySource([github, { source: 'github', connectionId: 'conn_g2' }, spotify]);
      expect([...bySource.values()]).to.deep.equal([github, spotify]);
      expect(connectionsBySource('nonsense').size).to.equal(0);
    });

    it('puts a new connection first and replaces the entry a reauth renews; removes a disconnected one', () => {
      expect(withConnection([spotify], github)).to.deep.equal([github, spotify]);
      expect(withConnection([spotify, github], { source: 'github', connectionId: 'conn_g' })).to.deep.equal([github, spotify]);
      expect(withoutConnection([github, spotify], 'conn_g')).to.deep.equal([spotify]);
      expect(withoutConnection(null, 'conn_g')).to.deep.equal([]);
    });
  });
});
