import { expect } from '@open-wc/testing';
import { defaultProtocol, isConnectionId } from './message-guard.js';

const success = (connectionId: unknown) => ({ protocol: 'connect-elements', version: 1, state: 's', type: 'success', connectionId });

describe('ids a flow reports', () => {
  const unsafe = ['"><svg/onload=alert(1)>', 'a<b', 'a>b', 'a"b', "a'b", 'a&b', 'a`b', 'a b', 'a\tb', 'a\nb', 'a\u0000b', 'a\u007fb', 'é', '', 'x'.repeat(257)];

  it('holds 1 to 256 printable ASCII characters without whitespace, controls or < > " \' & `', () => {
    for (const id of ['conn_1', 'grant-2', 'a.b:c/d=e+f~g', '1', 'x'.repeat(256)]) expect(isConnectionId(id), id).to.be.true;
    for (const id of unsafe) expect(isConnectionId(id), JSON.stringify(id)).to.be.false;
  });

  it('refuses a message whose connection id is unsafe to render: the message is ignored', () => {
    expect(defaultProtocol.parse(success('conn_ok'))).to.not.equal(null);
    for (const id of unsafe) expect(defaultProtocol.parse(success(id)), JSON.stringify(id)).to.equal(null);
  });
});
