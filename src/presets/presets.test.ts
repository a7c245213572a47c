import { expect } from '@open-wc/testing';
import type { PendingRedirect } from '../core/redirect.js';
import type { SessionResponse } from '../core/session.js';
import { PRESETS as REGISTRY, type Preset } from './index.js';
import { STATE_PARAM } from './preset.js';
import { thryveToken, thryveUrl } from './thryve.js';

/** Each registry line with its file loaded: the whole preset a flow runs with. */
const PRESETS: Record<string, Preset> = Object.fromEntries(await Promise.all(Object.entries(REGISTRY).map(async ([name, line]) => [name, await line.load()])));

const pending = (over: Partial<PendingRedirect> = {}): PendingRedirect => ({
  state: 's'.repeat(32),
  source: 'github',
  preset: 'default',
  owner: 'connect-button',
  expiresAt: Date.now() + 60_000,
  ...over,
});
const params = (query: string) => new URLSearchParams(query);
const ctx = { source: '1', returnUrl: 'https://app.example/return?connect_state=abc', baseUrl: 'https://vendor.example' };

describe('presets', () => {
  describe('opendatalabs', () => {
    const { protocol, adapt } = PRESETS.opendatalabs;
    it('reads ready, success and exit without a state', () => {
      expect(protocol.usesState).to.be.false;
      expect(protocol.parse({ type: 'ready' })).to.deep.equal({ message: { type: 'ready' } });
      expect(protocol.parse({ type: 'success', connectionId: 'conn_1' })).to.deep.equal({ message: { type: 'success', connectionId: 'conn_1', operation: 'create' } });
      expect(protocol.parse({ type: 'exit' })).to.deep.equal({ message: { type: 'exit' } });
    });
    it('ignores anything else', () => {
      for (const data of [null, 'success', { type: 'success' }, { type: 'success', connectionId: { x: 1 } }, { type: 'error', code: 'x' }]) {
        expect(protocol.parse(data)).to.equal(null);
      }
    });
    it('uses the session answer’s connectUrl as the launch URL and the dashboard as the default base URL', () => {
      expect(PRESETS.opendatalabs.baseUrl).to.equal('https://dashboard.opendatalabs.com');
      expect(PRESETS.opendatalabs.autoMode).to.equal('modal');
      expect(adapt!({ connectUrl: 'https://api.opendatalabs.com/c/1' }, ctx).connectUrl).to.equal('https://api.opendatalabs.com/c/1');
    });
    it('ignores a success whose connectionId is unsafe to render', () => {
      for (const connectionId of ['conn<1', 'conn"1', "conn'1", 'conn&1', 'conn`1', 'conn>1', 'conn 1']) {
        expect(protocol.parse({ type: 'success', connectionId })).to.equal(null);
      }
    });
    it('reads no redirect return (the guide documents none for the web)', () => {
      expect(PRESETS.opendatalabs.readReturn(params('connectionId=conn_1&state=x'), pending())).to.equal(null);
    });
    it('expects results from the dashboard origin unless the session answer names another', () => {
      expect(adapt!({ connectUrl: 'https://api.opendatalabs.com/c/1' }, { ...ctx, baseUrl: 'https://dashboard.opendatalabs.com' }).messageOrigin).to.equal('https://dashboard.opendatalabs.com');
      expect(adapt!({ connectUrl: 'https://x/c', messageOrigin: 'https://other.example' }, ctx).messageOrigin).to.equal('https://other.example');
    });
  });

  describe('context-gateway', () => {
    const { readReturn, messages } = PRESETS['context-gateway'];
    it('reads connectionId and state, and marks a reconnect as reauth', () => {
      const result = readReturn(params(`connectionId=conn_9&state=${'s'.repeat(32)}`), pending({ extra: { reauth: 'conn_9' } }));
      expect(result!.state).to.equal('s'.repeat(32));
      expect(result!.outcome).to.deep.equal({ type: 'success', connectionId: 'conn_9', operation: 'reauth' });
    });
    for (const code of ['user_denied', 'source_error', 'provisioning_failed', 'timeout', 'invalid_scope', 'redirect_uri_mismatch']) {
      it(`maps the documented error ${code}`, () => {
        const result = readReturn(params(`error=${code}&error_description=nope&state=x`), pending());
        expect(result!.outcome).to.have.nested.property('error.code', code);
      });
    }
    it('shows no message for user_denied, and the guide’s message for source_error', () => {
      expect(messages!.user_denied).to.equal('');
      expect(messages!.source_error).to.equal('Temporarily unavailable. Please try again.');
    });
    it('shows the guide’s messages for provisioning_failed and timeout', () => {
      expect(messages!.provisioning_failed).to.equal('A system error occurred. Please try again or contact support.');
      expect(messages!.timeout).to.equal('Authentication timed out. Please try again.');
    });
    it('keeps the error_description as plain text and sets no vendorCode for the guide’s codes', () => {
      const outcome = readReturn(params(`error=source_error&error_description=${encodeURIComponent(' Spotify\u202e down ')}&state=x`), pending())!.outcome;
      expect(outcome).to.have.nested.property('error.description', 'Spotify  down');
      expect(outcome).not.to.have.nested.property('error.vendorCode');
    });
    it('reads a create without existingConnectionId', () => {
      expect(readReturn(params('connectionId=conn_9&state=x'), pending())!.outcome).to.deep.equal({ type: 'success', connectionId: 'conn_9', operation: 'create' });
    });
    it('keeps an undocumented error string as vendorCode under unknown', () => {
      const outcome = readReturn(params('error=rate_limited&state=x'), pending())!.outcome;
      expect(outcome).to.have.nested.property('error.code', 'unknown');
      expect(outcome).to.have.nested.property('error.vendorCode', 'rate_limited');
    });
    it('reports a state-matched but unreadable return as unknown, not state_mismatch', () => {
      for (const query of ['connectionId=conn<9&state=x', 'connectionId=conn_9&error=user_denied&state=x', 'connectionId=conn_9&operation=delete&state=x']) {
        expect(readReturn(params(query), pending())!.outcome, query).to.have.nested.property('error.code', 'unknown');
      }
    });
    it('removes connectionId, state, error and error_description from the address', () => {
      expect(readReturn(params('connectionId=conn_9&state=x'), pending())!.params).to.include.members(['connectionId', 'state', 'error', 'error_description']);
    });
    it('launches by full-page redirect with the URL the backend built, and echoes the state itself', () => {
      expect(PRESETS['context-gateway'].autoMode).to.equal('redirect');
      expect(PRESETS['context-gateway'].echoesState).to.be.true;
      expect(PRESETS['context-gateway'].adapt!({ url: 'https://cg.example/connect?state=x' } as SessionResponse, ctx).connectUrl).to.equal('https://cg.example/connect?state=x');
    });
  });

  describe('alter', () => {
    const { protocol, adapt, readReturn } = PRESETS.alter;
    const grant = { grant_id: 'grant_1', provider: 'google', provider_name: 'Google', account_identifier: 'a@example.com', operation: 'creation', scopes: ['email'], status: 'active' };
    const success = (grants: unknown) => protocol.parse({ type: 'alter_connect_success', grants })!.message;
    const returned = (query: string) => readReturn(params(`${query}&${STATE_PARAM}=abc`), pending())!;
    it('builds the launch URL with the token in the fragment, on the documented base URL by default', () => {
      expect(adapt!({ sessionToken: 'tok/en' }, ctx).connectUrl).to.equal('https://vendor.example/sdk/oauth/connect#session=tok%2Fen');
      expect(PRESETS.alter.baseUrl).to.equal('https://api.alterauth.com');
      expect(PRESETS.alter.autoMode).to.equal('device');
      expect(protocol.usesState).to.be.false;
    });
    it('maps alter_connect_success: creation is create, reauth keeps the grant id', () => {
      expect(success([grant])).to.deep.include({ type: 'success', connectionId: 'grant_1', operation: 'create' });
      expect(success([{ ...grant, operation: 'reauth' }])).to.deep.include({ connectionId: 'grant_1', operation: 'reauth' });
    });
    it('reads a missing or unknown operation as a creation, as the widget does', () => {
      const { operation: _, ...noOperation } = grant;
      expect(success([noOperation])).to.deep.include({ connectionId: 'grant_1', operation: 'create' });
      expect(success([{ ...grant, operation: 'update' }])).to.deep.include({ operation: 'create' });
    });
    it('keeps every valid grant: the first is the connection, all are in data.grants', () => {
      const message = success([grant, { ...grant, grant_id: 'grant_2', provider: 'github', operation: 'reauth' }]);
      expect(message).to.deep.include({ connectionId: 'grant_1', operation: 'create' });
      const data = (message as unknown as { data: { grants: { grant_id: string; operation: string }[]; provider: string } }).data;
      expect(data.grants.map((g) => [g.grant_id, g.operation])).to.deep.equal([['grant_1', 'creation'], ['grant_2', 'reauth']]);
      expect(data.provider).to.equal('google');
    });
    it('skips a grant the widget would skip (no grant_id or no provider) and keeps the valid ones after it', () => {
      const { provider: _, ...noProvider } = grant;
      const message = success([noProvider, { ...grant, grant_id: '' }, { ...grant, grant_id: 'grant_3' }]);
      expect(message).to.deep.include({ connectionId: 'grant_3' });
      expect((message as unknown as { data: { grants: unknown[] } }).data.grants).to.have.length(1);
    });
    it('skips a grant whose id is unsafe to render', () => {
      expect(success([{ ...grant, grant_id: '<img src=x>' }, { ...grant, grant_id: 'grant_4' }])).to.deep.include({ connectionId: 'grant_4' });
    });
    it('normalises a grant as the widget does', () => {
      const data = (success([{ grant_id: 'g', provider: 'google', scopes: 'email', status: 'odd', metadata: { k: 1 } }]) as unknown as { data: { grants: Record<string, unknown>[] } }).data;
      expect(data.grants[0]).to.deep.include({ provider_name: 'google', account_identifier: '', scopes: [], status: 'active', operation: 'creation', metadata: { k: 1 } });
      expect(data.grants[0].timestamp).to.be.a('string');
    });
    it('ends with unknown (vendorCode invalid_response) for a success with no grant it can take', () => {
      for (const grants of [[], [{ ...grant, grant_id: '' }], [{ ...grant, provider: '' }], [{ ...grant, grant_id: 42 }], 'x', undefined]) {
        expect(success(grants), JSON.stringify(grants)).to.deep.include({ type: 'error', code: 'unknown', vendorCode: 'invalid_response' });
      }
    });
    it('ignores messages of any other type', () => {
      for (const data of [null, 'alter_connect_success', { type: 'alter_connect_ready' }, { type: 'success', connectionId: 'x' }]) expect(protocol.parse(data)).to.equal(null);
    });
    it('maps alter_connect_error to our codes and keeps Alter’s string as vendorCode', () => {
      const cases: [unknown, string, string | undefined][] = [
        ['invalid_token', 'invalid_token', 'invalid_token'],
        ['popup_blocked', 'popup_blocked', 'popup_blocked'],
        ['access_denied', 'user_denied', 'access_denied'],
        ['user_cancelled', 'user_denied', 'user_cancelled'],
        ['provider_error', 'source_error', 'provider_error'],
        ['rate_limited', 'unknown', 'rate_limited'],
        [undefined, 'unknown', 'oauth_error'],
      ];
      for (const [error, code, vendorCode] of cases) {
        expect(protocol.parse({ type: 'alter_connect_error', error, error_description: ' expired ' })!.message, String(error)).to.deep.include({ type: 'error', code, vendorCode, description: 'expired' });
      }
    });
    it('reads the redirect return with our own state parameter, as the widget reads it', () => {
      const result = returned('alter_connect_success=true&grant_id=grant_1&provider=google&account_identifier=a&operation=reauth&scopes=a,b&status=pending');
      expect(result.state).to.equal('abc');
      expect(result.outcome).to.deep.include({ type: 'success', connectionId: 'grant_1', operation: 'reauth' });
      const data = (result.outcome as unknown as { data: { grants: Record<string, unknown>[] } }).data;
      expect(data.grants[0]).to.deep.include({ provider: 'google', provider_name: 'google', account_identifier: 'a', scopes: ['a', 'b'], status: 'pending' });
      expect(result.params).to.include.members([STATE_PARAM, 'alter_connect_success', 'grant_id', 'provider', 'account_identifier', 'operation', 'scopes', 'status', 'provider_name', 'timestamp']);
    });
    it('reads a redirect return without operation as a creation', () => {
      expect(returned('alter_connect_success=true&grant_id=grant_1&provider=google&account_identifier=a').outcome).to.deep.include({ operation: 'create' });
    });
    it('ends a redirect return missing grant_id, provider or account_identifier as unknown (invalid_response), not state_mismatch', () => {
      for (const query of ['grant_id=g&provider=google', 'grant_id=g&account_identifier=a', 'provider=google&account_identifier=a', 'grant_id=g<&provider=google&account_identifier=a']) {
        const { outcome } = returned(`alter_connect_success=true&${query}`);
        expect(outcome, query).to.have.nested.property('error.code', 'unknown');
        expect(outcome, query).to.have.nested.property('error.vendorCode', 'invalid_response');
      }
    });
    it('reads a redirect error from error_code, with oauth_error when there is none', () => {
      const cases: [string, string, string | undefined][] = [
        ['&error_code=invalid_token', 'invalid_token', undefined],
        ['&error_code=access_denied', 'user_denied', 'access_denied'],
        ['&error_code=rate_limited&error_description=slow%20down', 'unknown', 'rate_limited'],
        ['', 'unknown', 'oauth_error'],
      ];
      for (const [query, code, vendorCode] of cases) {
        const { outcome } = returned(`alter_connect_error=true${query}`);
        expect(outcome, query).to.have.nested.property('error.code', code);
        if (vendorCode) expect(outcome, query).to.have.nested.property('error.vendorCode', vendorCode);
        else expect(outcome, query).not.to.have.nested.property('error.vendorCode');
      }
      expect(returned('alter_connect_error=true&error_description=slow%20down').outcome).to.have.nested.property('error.description', 'slow down');
    });
    it('reads an unreadable return (neither success=true nor an error) as unknown', () => {
      expect(returned('alter_connect_success=false').outcome).to.have.nested.property('error.code', 'unknown');
    });
    it('is no return without Alter’s parameters', () => {
      expect(readReturn(params(`${STATE_PARAM}=abc&grant_id=g`), pending())).to.equal(null);
    });
  });

  describe('thryve', () => {
    const { adapt, readReturn } = PRESETS.thryve;
    // Thryve's answer as its guide shows it; not our SessionResponse shape, which is the point.
    const answer = { type: 'enduser.widget.connection', data: { url: 'https://connect.thryve.de/?connectionSessionToken=1060285265X42&platform=web&lang=en' } } as SessionResponse;
    it('takes the connectionSessionToken from the widget URL and builds the direct connection URL per data source', () => {
      expect(thryveToken(answer)).to.equal('1060285265X42');
      const url = new URL(adapt!(answer, ctx).connectUrl!);
      expect(url.origin + url.pathname).to.equal('https://vendor.example/dataSourceDirectConnection.html');
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ token: '1060285265X42', dataSource: '1', redirect_uri: ctx.returnUrl });
    });
    it('leaves redirect_uri out without a return address (a new tab shows Thryve’s own result page)', () => {
      expect(new URL(adapt!(answer, { ...ctx, returnUrl: undefined }).connectUrl!).searchParams.has('redirect_uri')).to.be.false;
    });
    it('gives no launch URL when the answer has no token', () => {
      expect(adapt!({ connectUrl: 'https://connect.thryve.de/' }, ctx).connectUrl).to.equal(undefined);
    });
    it('reads connected=true as success and connected=false as a failure, with our state parameter', () => {
      expect(readReturn(params(`connected=true&${STATE_PARAM}=abc`), pending({ source: '3' }))!.outcome).to.deep.equal({ type: 'success', connectionId: '3', operation: 'create' });
      expect(readReturn(params(`connected=false&${STATE_PARAM}=abc`), pending())!.outcome).to.have.nested.property('error.code', 'user_denied');
      expect(readReturn(params('nothing=1'), pending())).to.equal(null);
    });
    it('keeps connected=false as vendorCode: the guide does not tell a failure from a cancellation', () => {
      expect(readReturn(params(`connected=false&${STATE_PARAM}=abc`), pending())!.outcome).to.have.nested.property('error.vendorCode', 'connected=false');
    });
    it('reads any other connected value as unknown, not state_mismatch', () => {
      const { outcome } = readReturn(params(`connected=maybe&${STATE_PARAM}=abc`), pending())!;
      expect(outcome).to.have.nested.property('error.code', 'unknown');
      expect(outcome).to.have.nested.property('error.vendorCode', 'connected=maybe');
    });
    it('marks a reconnect as reauth and removes its parameters from the address', () => {
      const result = readReturn(params(`connected=true&${STATE_PARAM}=abc`), pending({ source: '3', extra: { reauth: '3' } }))!;
      expect(result.outcome).to.deep.include({ operation: 'reauth' });
      expect(result.params).to.include.members([STATE_PARAM, 'connected']);
    });
    it('builds the revoke URL with direct=true', () => {
      const url = new URL(thryveUrl('revoke', 'https://service2.und-gesund.de', 'tok', '5', 'https://app.example/r'));
      expect(url.pathname).to.equal('/dataSourceDirectRevoke.html');
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ token: 'tok', dataSource: '5', direct: 'true', redirect_uri: 'https://app.example/r' });
    });
    it('launches by redirect on the documented host', () => {
      expect(PRESETS.thryve.baseUrl).to.equal('https://service2.und-gesund.de');
      expect(PRESETS.thryve.autoMode).to.equal('redirect');
      expect(PRESETS.thryve.echoesState).to.be.false;
    });
  });
});

describe('the preset registry: launch facts on the line, the rest loaded', () => {
  for (const [name, line] of Object.entries(REGISTRY)) {
    it(`${name}: its line names it, and loading it once gives the whole preset with the line's facts`, async () => {
      expect(line.name).to.equal(name);
      const whole = await line.load();
      expect(await line.load(), 'loaded once').to.equal(whole);
      expect(line.loaded).to.equal(whole);
      for (const fact of ['name', 'modes', 'autoMode', 'echoesState', 'returnsInPopup'] as const) expect(whole[fact]).to.deep.equal(line[fact]);
      expect(whole.protocol, 'its file has a protocol').to.be.an('object');
      expect(whole.readReturn).to.be.a('function');
      // A list decides before loading whether the preset disconnects by itself: the line must say so exactly.
      expect(!!line.disconnects, 'the line says whether the file has a disconnect').to.equal(typeof whole.disconnect === 'function');
    });
  }
});
