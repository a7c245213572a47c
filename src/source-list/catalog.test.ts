import { expect } from '@open-wc/testing';
import { connectionsBySource, MAX_CONNECTIONS_PER_SOURCE, parseCatalog, parseConnections, parseSource, safeBaseUrl, safeIconUrl, withConnection, withoutConnection } from './catalog.js';

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

    it('keeps the first of two entries with one connection id, and drops ids unsafe to render', () => {
      const connections = parseConnections([
        { source: 'github', connectionId: 'conn_1', label: 'first' },
        { source: 'gitlab', connectionId: 'conn_1', label: 'second' },
        { source: 'github', connectionId: 'conn_<img>' },
        { source: 'github', connectionId: 'conn 2' },
        { source: 'github', connectionId: 'x'.repeat(300) },
      ]);
      expect(connections).to.deep.equal([{ source: 'github', connectionId: 'conn_1', label: 'first' }]);
    });

    it('keeps a label as plain text without control or bidi characters, clamped to 200 characters', () => {
      const [connection] = parseConnections([{ source: 'github', connectionId: 'c1', label: '\u202Eevil\u0000<img src=x onerror=alert(1)>\u2066' }])!;
      expect(connection.label).to.equal('evil <img src=x onerror=alert(1)>');
      const [long] = parseConnections([{ source: 'github', connectionId: 'c1', label: 'a'.repeat(5000) }])!;
      expect(long.label).to.have.length(200);
      expect(parseConnections([{ source: 'github', connectionId: 'c1', label: 42 }])![0]).to.not.have.property('label');
    });

    it('strips every bidi control (U+202A-202E, U+2066-2069, U+200E/F) and every C0 and C1 control from a label', () => {
      const controls = [
        ...Array.from({ length: 0x20 }, (_, i) => i),
        0x7f,
        ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
        0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f,
      ];
      for (const code of controls) {
        const [connection] = parseConnections([{ source: 'github', connectionId: 'c1', label: `work${String.fromCodePoint(code)}@example.com` }])!;
        expect(connection.label, `U+${code.toString(16).padStart(4, '0')}`).to.equal('work @example.com');
      }
      // A label of nothing but controls is no label.
      expect(parseConnections([{ source: 'github', connectionId: 'c1', label: '\u202E\u2066\u0000\u0085' }])![0]).to.not.have.property('label');
    });

    it('keeps at most 100 connections of one source, the first ones, quickly', () => {
      const many = Array.from({ length: 10_000 }, (_, i) => ({ source: 'github', connectionId: `conn_${i}` }));
      const started = performance.now();
      const connections = parseConnections([...many, { source: 'spotify', connectionId: 'conn_s' }])!;
      expect(performance.now() - started).to.be.below(200);
      expect(connections).to.have.length(MAX_CONNECTIONS_PER_SOURCE + 1);
      expect(connections[MAX_CONNECTIONS_PER_SOURCE - 1].connectionId).to.equal(`conn_${MAX_CONNECTIONS_PER_SOURCE - 1}`);
      expect(connections.at(-1)!.source).to.equal('spotify');
    });

    it('never reads a preset from a connection', () => {
      const [connection] = parseConnections([{ source: 'github', connectionId: 'c1', preset: '__proto__', baseUrl: 'https://evil.example' }])!;
      expect(connection).to.deep.equal({ source: 'github', connectionId: 'c1' });
    });
  });

  describe("an item's own system", () => {
    it('keeps a registered preset and a safe base URL, and whether the item takes several accounts', () => {
      const source = parseSource({ id: 'oura', name: 'Oura', preset: 'thryve', baseUrl: 'https://api.thryve.example/', multiple: true })!;
      expect([source.preset, source.baseUrl, source.multiple, source.unknownPreset]).to.deep.equal(['thryve', 'https://api.thryve.example/', true, false]);
      const plain = parseSource({ id: 'github', name: 'GitHub' })!;
      expect([plain.preset, plain.baseUrl, plain.multiple, plain.unknownPreset]).to.deep.equal([undefined, undefined, false, false]);
      expect(parseSource({ id: 'a', name: 'A', multiple: 'yes' })!.multiple).to.equal(false);
    });

    it('marks an unknown preset, inherited names included, and says so once per item', () => {
      const warnings: unknown[][] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        for (const preset of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42]) {
          const source = parseSource({ id: `item-${String(preset)}`, name: 'A', preset })!;
          expect(source.unknownPreset, String(preset)).to.equal(true);
          expect(source.preset, String(preset)).to.be.undefined;
        }
        parseSource({ id: 'item-nope', name: 'A', preset: 'nope' });
      } finally {
        console.warn = warn;
      }
      expect(warnings).to.have.length(6);
      expect(String(warnings[1][0])).to.contain('"item-__proto__"').and.contain('"__proto__"');
    });

    it('keeps a base URL only on https: or loopback http:, absolute', () => {
      expect(safeBaseUrl('https://api.example.com')).to.equal('https://api.example.com/');
      expect(safeBaseUrl('http://127.0.0.1:9000/v1')).to.equal('http://127.0.0.1:9000/v1');
      for (const url of ['http://example.com', 'javascript:alert(1)', 'data:text/html,x', '/relative', '', 42, null]) expect(safeBaseUrl(url), String(url)).to.be.undefined;
      expect(parseSource({ id: 'a', name: 'A', baseUrl: 'javascript:alert(1)' })!.baseUrl).to.be.undefined;
    });
  });

  describe('keeping connections', () => {
    const github = { source: 'github', connectionId: 'conn_g' };
    const spotify = { source: 'spotify', connectionId: 'conn_s', status: 'expired' };

    const github2 = { source: 'github', connectionId: 'conn_g2', label: 'work' };

    it('maps each source to its connections, in order, and an invalid list to none', () => {
      const bySource = connectionsBySource([github, github2, spotify]);
      expect([...bySource.values()]).to.deep.equal([[github, github2], [spotify]]);
      expect(connectionsBySource('nonsense').size).to.equal(0);
    });

    it("puts a new connection of a single-account source first, as its only one", () => {
      expect(withConnection([spotify], github)).to.deep.equal([github, spotify]);
      expect(withConnection([spotify, github, github2], { source: 'github', connectionId: 'conn_new' })).to.deep.equal([{ source: 'github', connectionId: 'conn_new' }, spotify]);
    });

    it('replaces a reauthorised connection in place, by its own id or by the id the flow reconnected', () => {
      expect(withConnection([spotify, github], { source: 'github', connectionId: 'conn_g' })).to.deep.equal([spotify, github]);
      const renewed = { source: 'github', connectionId: 'conn_g2b' };
      expect(withConnection([github, github2, spotify], renewed, { replacing: 'conn_g2' })).to.deep.equal([github, { ...renewed, label: 'work' }, spotify]);
      expect(withConnection([github, github2, spotify], { source: 'github', connectionId: 'conn_g2' }, { multiple: true })).to.deep.equal([github, { source: 'github', connectionId: 'conn_g2', label: 'work' }, spotify]);
    });

    it("keeps a reconnected account's label when the success names none, and clears its status (the reconnect made it active)", () => {
      const expired = { source: 'github', connectionId: 'conn_g2', label: 'work', status: 'expired' };
      // Replaced by the id the flow reconnected, and by its own id.
      expect(withConnection([github, expired], { source: 'github', connectionId: 'conn_g2b' }, { replacing: 'conn_g2' })).to.deep.equal([github, { source: 'github', connectionId: 'conn_g2b', label: 'work' }]);
      expect(withConnection([github, expired], { source: 'github', connectionId: 'conn_g2' })).to.deep.equal([github, { source: 'github', connectionId: 'conn_g2', label: 'work' }]);
      // A label the success carries wins; a connection of another source with the same id lends none.
      expect(withConnection([expired], { source: 'github', connectionId: 'conn_g2', label: 'home' })).to.deep.equal([{ source: 'github', connectionId: 'conn_g2', label: 'home' }]);
      expect(withConnection([expired], { source: 'gitlab', connectionId: 'conn_g2' })).to.deep.equal([{ source: 'gitlab', connectionId: 'conn_g2' }]);
    });

    it('adds a new account of a multiple source after its others, keeping the first first', () => {
      const third = { source: 'github', connectionId: 'conn_g3' };
      expect(withConnection([github, github2, spotify], third, { multiple: true })).to.deep.equal([github, github2, third, spotify]);
      expect(withConnection([spotify], third, { multiple: true })).to.deep.equal([third, spotify]);
    });

    it('removes only the disconnected connection', () => {
      expect(withoutConnection([github, github2, spotify], 'conn_g2')).to.deep.equal([github, spotify]);
      expect(withoutConnection([github, spotify], 'conn_g')).to.deep.equal([spotify]);
      expect(withoutConnection(null, 'conn_g')).to.deep.equal([]);
    });
  });
});
