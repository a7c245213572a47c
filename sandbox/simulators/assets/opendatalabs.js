// Open Data Labs' hosted page: posts { type: 'ready' } when shown, then
// { type: 'success', connectionId } or { type: 'exit' } to the embedding window
// (window.parent in the documented iframe, window.opener when opened as a popup),
// always with the session's exact origin as targetOrigin. No state is echoed.
import { closeSoon, onDecision, postJson, readConfig, showStatus } from './panel.js';

const config = readConfig();
const framed = window.parent !== window;
const target = framed ? window.parent : window.opener;

function send(message) {
  if (target && typeof config.origin === 'string') target.postMessage(message, config.origin);
}

function finish(result) {
  if (result?.type === 'success' && typeof result.connectionId === 'string') {
    send({ type: 'success', connectionId: result.connectionId });
    showStatus('Connected', 'You can go back to the app.');
  } else {
    // Deny and Cancel: the guide documents no error message, only `exit`.
    send({ type: 'exit' });
    showStatus('Not connected', 'Nothing was shared with the app.');
  }
  if (!framed && window.opener) closeSoon();
}

async function complete(outcome) {
  const { status, body } = await postJson('/connect/complete', { flowId: config.flowId, outcome });
  if (status !== 200) {
    showStatus('This session has ended', 'Close this window and start again from the app.', true);
    return null;
  }
  return body;
}

if (typeof config.flowId === 'string') {
  onDecision({
    async allow(outcome) {
      if (outcome === 'close') {
        // Closed without a result: no message at all.
        await complete('close');
        showStatus('Closed without a result', 'You can close this window.');
        if (!framed && window.opener) window.close();
        return;
      }
      showStatus('Connecting…', outcome === 'slow' ? 'This takes a few seconds.' : '');
      const result = await complete(outcome);
      if (result) finish(result);
    },
    async deny() {
      const result = await complete('exit');
      if (result) finish(result);
    },
    async cancel() {
      const result = await complete('exit');
      if (result) finish(result);
    },
  });
  if (!target) document.getElementById('subheading').textContent += ' (Opened outside an app: no message will be sent.)';
  send({ type: 'ready' });
}
