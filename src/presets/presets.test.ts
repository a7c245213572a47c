import { expect } from '@open-wc/testing';
import type { PendingRedirect } from '../core/redirect.js';
import type { SessionResponse } from '../core/session.js';
import { PRESETS, STATE_PARAM, thryveToken } from './index.js';

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
  });

  describe('alter', () => {
    const { protocol, adapt, readReturn } = PRESETS.alter;
    const grant = { grant_id: 'grant_1', provider: 'google', provider_name: 'Google', account_identifier: 'a@example.com', operation: 'creation', scopes: ['email'], status: 'active' };
    it('builds the launch URL with the token in the fragment', () => {
      expect(adapt!({ sessionToken: 'tok/en' }, ctx).connectUrl).to.equal('https://vendor.example/sdk/oauth/connect#session=tok%2Fen');
    });
    it('maps alter_connect_success: creation is create, reauth keeps the grant id', () => {
      expect(protocol.parse({ type: 'alter_connect_success', grants: [grant] })!.message).to.deep.include({ type: 'success', connectionId: 'grant_1', operation: 'create' });
      expect(protocol.parse({ type: 'alter_connect_success', grants: [{ ...grant, operation: 'reauth' }] })!.message).to.deep.include({ operation: 'reauth' });
    });
    it('maps alter_connect_error to our codes', () => {
      expect(protocol.parse({ type: 'alter_connect_error', error: 'invalid_token', error_description: 'expired' })!.message).to.deep.include({ type: 'error', code: 'invalid_token' });
      expect(protocol.parse({ type: 'alter_connect_error', error: 'access_denied' })!.message).to.deep.include({ code: 'user_denied' });
    });
    it('ignores malformed grants', () => {
      for (const grants of [[], [{ ...grant, grant_id: '' }], [{ ...grant, operation: 'delete' }], 'x']) {
        expect(protocol.parse({ type: 'alter_connect_success', grants })).to.equal(null);
      }
    });
    it('reads the redirect return with our own state parameter', () => {
      const result = readReturn(params(`alter_connect_success=true&grant_id=grant_1&provider=google&account_identifier=a&operation=reauth&${STATE_PARAM}=abc`), pending());
      expect(result!.state).to.equal('abc');
      expect(result!.outcome).to.deep.include({ type: 'success', connectionId: 'grant_1', operation: 'reauth' });
      const error = readReturn(params(`alter_connect_error=true&error_code=invalid_token&${STATE_PARAM}=abc`), pending());
      expect(error!.outcome).to.have.nested.property('error.code', 'invalid_token');
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
  });
});
