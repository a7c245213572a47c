// Alter's hosted Connect page. It reads the session token from the fragment and
// drops it from the address bar at once, claims it (single use), and reports the
// result: to window.opener with targetOrigin = the session's allowed_origin
// (popup), or by returning to the session's return_url (redirect). The server
// decides both the message and the return address; no state is sent.
import { closeSoon, fillConsent, onDecision, postJson, showConsent, showStatus } from './panel.js';

const token = new URLSearchParams(location.hash.slice(1)).get('session');
history.replaceState(null, '', location.pathname + location.search);
const popup = Boolean(window.opener);

function deliver(result, { heading, text, isError }) {
  if (popup) {
    // Without allowed_origin there is no origin to post to: nothing is sent.
    if (typeof result.targetOrigin === 'string' && window.opener) window.opener.postMessage(result.message, result.targetOrigin);
    showStatus(heading, text, isError);
    closeSoon();
  } else if (typeof result.redirect === 'string') {
    showStatus('Returning to the app…');
    location.assign(result.redirect);
  } else {
    showStatus('Nowhere to return to', 'This session has no return_url, so this page cannot send you back to the app.', true);
  }
}

const describe = (result) =>
  result.message?.type === 'alter_connect_success'
    ? { heading: 'Connected', text: 'You can go back to the app.', isError: false }
    : { heading: 'Not connected', text: String(result.message?.error_description ?? ''), isError: true };

async function main() {
  if (!token) {
    showStatus('This link is incomplete', 'Start again from the app.', true);
    return;
  }
  const claim = await postJson('/sdk/oauth/claim', { session_token: token });
  if (claim.status === 410 && claim.body?.message) {
    deliver(claim.body, { heading: 'This session has expired or was already used', text: 'Start again from the app.', isError: true });
    return;
  }
  if (claim.status !== 200 || !Array.isArray(claim.body?.providers)) {
    showStatus('This link is not valid', 'Start again from the app.', true);
    return;
  }
  const { flowId, providers } = claim.body;

  const picker = document.getElementById('provider');
  for (const provider of providers) {
    const option = document.createElement('option');
    option.value = provider.id;
    option.textContent = provider.name;
    picker.append(option);
  }
  picker.closest('.field').hidden = providers.length < 2;
  const render = () => {
    const provider = providers.find((candidate) => candidate.id === picker.value) ?? providers[0];
    fillConsent({
      heading: `${provider.operation === 'reauth' ? 'Reconnect' : 'Connect'} ${provider.name}`,
      text: `Sign in to ${provider.name} and allow access for the app.`,
      icon: provider.icon,
      items: provider.scopes,
    });
  };
  picker.addEventListener('change', render);
  render();

  const complete = async (outcome) => {
    const { status, body } = await postJson('/sdk/oauth/complete', { flowId, outcome, provider: picker.value });
    if (status !== 200 || !body) {
      showStatus('This session has ended', 'Start again from the app.', true);
      return null;
    }
    return body;
  };

  onDecision({
    async allow(outcome) {
      if (outcome === 'close') {
        await complete('close');
        showStatus('Closed without a result', 'You can close this window.');
        if (popup) window.close();
        return;
      }
      showStatus('Connecting…', outcome === 'slow' ? 'This takes a few seconds.' : '');
      const result = await complete(outcome);
      if (result) deliver(result, describe(result));
    },
    async deny() {
      const result = await complete('user_denied');
      if (result) deliver(result, describe(result));
    },
    async cancel() {
      if (popup) {
        // Closing the popup is what the widget reports as onExit: no message.
        await complete('close');
        window.close();
        return;
      }
      const result = await complete('cancel');
      if (result) deliver(result, describe(result));
    },
  });
  showConsent();
}

main().catch(() => showStatus('Could not reach Alter', 'Check your connection, then start again from the app.', true));
