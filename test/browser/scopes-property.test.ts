// Frameworks set properties, not attributes: `scopes` must take a string or an array
// as a property and still send `scopes: string[]` in the session request (issue 9).
import { expect, fixture, html } from '@open-wc/testing';
import { ConnectError, type SessionRequest } from '../../src/core/index.js';
import { ConnectButtonElement } from '../../src/connect-button/connect-button.js';
import { nextOutcome, realClick } from './helpers.js';

ConnectButtonElement.define();

/** Clicks the button and returns the session request it made (fetchSession refuses it, so the flow ends at once). */
async function sessionRequestOf(el: ConnectButtonElement): Promise<SessionRequest> {
  let seen: SessionRequest | undefined;
  el.fetchSession = async (request) => {
    seen = request;
    throw new ConnectError('origin_not_allowed');
  };
  const outcome = nextOutcome(el);
  await realClick(el.shadowRoot!.querySelector('button')!);
  await outcome;
  if (!seen) throw new Error('no session request was made');
  return seen;
}

describe('scopes set as a property', () => {
  const cases: [string, string | string[], string[]][] = [
    ['a space-separated string', 'repo read:user', ['repo', 'read:user']],
    ['a comma-separated string', 'repo,read:user', ['repo', 'read:user']],
    ['a string with commas, spaces and blanks', ' repo, read:user  ,,', ['repo', 'read:user']],
    ['an array', ['repo', 'read:user'], ['repo', 'read:user']],
    ['an array with blank items', ['repo', ' ', ''], ['repo']],
    ['an empty string', '', []],
  ];
  for (const [what, value, expected] of cases) {
    it(`reads ${what} as a string[] and sends it as one`, async () => {
      const el = await fixture<ConnectButtonElement>(html`<connect-button source="github">Connect</connect-button>`);
      el.scopes = value;
      expect(el.scopes).to.deep.equal(expected);
      const request = await sessionRequestOf(el);
      expect(request.scopes).to.deep.equal(expected);
    });
  }

  it('reads null and undefined as no scopes', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" scopes="repo">Connect</connect-button>`);
    el.scopes = null;
    expect(el.scopes).to.deep.equal([]);
    el.scopes = undefined;
    expect(el.scopes).to.deep.equal([]);
  });

  it('keeps the attribute: a space- or comma-separated list, and attribute changes win over an earlier property', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" scopes="repo, read:user">Connect</connect-button>`);
    expect(el.scopes).to.deep.equal(['repo', 'read:user']);
    el.scopes = ['gist'];
    el.setAttribute('scopes', 'a b,c');
    expect(el.scopes).to.deep.equal(['a', 'b', 'c']);
  });

  it('binds the property as Lit templates (and so frameworks) set it', async () => {
    const el = await fixture<ConnectButtonElement>(html`<connect-button source="github" .scopes=${'repo read:user'}>Connect</connect-button>`);
    expect(el.scopes).to.deep.equal(['repo', 'read:user']);
    expect((await sessionRequestOf(el)).scopes).to.deep.equal(['repo', 'read:user']);
  });
});
