import { expect } from '@open-wc/testing';
import { completeRedirect, forgetCompletedRedirect, type PendingRedirect } from './redirect.js';

const KEY = 'connect-elements:redirect';
const home = location.pathname;

function pending(over: Partial<PendingRedirect> = {}): PendingRedirect {
  return { state: 'a'.repeat(32), source: 'github', preset: 'default', owner: 'connect-button', expiresAt: Date.now() + 60_000, ...over };
}

/** Puts the tab where a redirect flow returns: `query` in the address bar, `stored` in sessionStorage. */
function returnTo(query: string, stored: PendingRedirect | null, hash = '') {
  history.replaceState(null, '', `${home}?keep=1&${query}${hash}`);
  if (stored) sessionStorage.setItem(KEY, JSON.stringify(stored));
  else sessionStorage.removeItem(KEY);
}

describe('completeRedirect', () => {
  const historyLength = history.length;
  afterEach(() => {
    forgetCompletedRedirect();
    history.replaceState(null, '', home);
    sessionStorage.removeItem(KEY);
  });

  it('accepts a success whose state equals the stored one, once, and cleans the address bar without a new entry', () => {
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42&operation=reauth`, pending());
    const result = completeRedirect();
    expect(result?.outcome).to.deep.equal({ type: 'success', connectionId: 'conn_42', operation: 'reauth' });
    expect(result?.source).to.equal('github');
    expect(location.search).to.equal('?keep=1');
    expect(history.length).to.equal(historyLength);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
    // Only once: the same address again (a reload) reports nothing.
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42`, null);
    expect(completeRedirect()).to.equal(null);
    expect(location.search).to.equal('?keep=1');
  });

  it('ends with the provider error and its description as trimmed text', () => {
    returnTo(`state=${'a'.repeat(32)}&error=source_error&error_description=${encodeURIComponent('\u202eSpotify '.padEnd(500, 'x'))}`, pending());
    const outcome = completeRedirect()!.outcome;
    expect(outcome.type).to.equal('error');
    if (outcome.type !== 'error') return;
    expect(outcome.error.code).to.equal('source_error');
    expect(outcome.error.description!.length).to.be.at.most(300);
    expect(outcome.error.description).not.to.contain('\u202e');
  });

  it('fails closed with state_mismatch for a wrong or missing state', () => {
    returnTo(`state=${'b'.repeat(32)}&connectionId=conn_42`, pending());
    expect(completeRedirect()!.outcome).to.have.nested.property('error.code', 'state_mismatch');
    returnTo('connectionId=conn_42', pending());
    expect(completeRedirect()!.outcome).to.have.nested.property('error.code', 'state_mismatch');
    expect(location.search).to.equal('?keep=1');
  });

  it('never reports a success for a connectionId together with an error, nor a state mismatch: the state matched', () => {
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42&error=user_denied`, pending());
    expect(completeRedirect()!.outcome).to.have.nested.property('error.code', 'unknown');
  });

  it('reports nothing for a result this tab never started (a link opened in another tab)', () => {
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42`, null);
    expect(completeRedirect()).to.equal(null);
    expect(location.search, 'the connection id still leaves the address bar').to.equal('?keep=1');
  });

  it('ignores result parameters in the fragment', () => {
    returnTo('', pending(), `#state=${'a'.repeat(32)}&connectionId=conn_42`);
    expect(completeRedirect()).to.equal(null);
    expect(sessionStorage.getItem(KEY), 'the pending flow is kept for its real return').not.to.equal(null);
  });

  it('reports timeout for a return after the flow expired', () => {
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42`, pending({ expiresAt: Date.now() - 1 }));
    expect(completeRedirect()!.outcome).to.have.nested.property('error.code', 'timeout');
  });

  it('treats a corrupt stored record as none', () => {
    returnTo(`state=${'a'.repeat(32)}&connectionId=conn_42`, null);
    sessionStorage.setItem(KEY, '{not json');
    expect(completeRedirect()).to.equal(null);
  });
});
