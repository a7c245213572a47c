// Context Gateway's connect page: a full-page flow. The server builds the return
// address (registered callback + connectionId or error/error_description + state);
// the page only goes there.
import { onDecision, postJson, readConfig, showStatus } from './panel.js';

const config = readConfig();

async function complete(outcome) {
  showStatus(outcome === 'slow' ? 'Connecting… (this takes a few seconds)' : 'Returning to the app…');
  const { body } = await postJson('/connect/complete', { flowId: config.flowId, outcome });
  if (typeof body?.redirect === 'string') {
    location.assign(body.redirect);
  } else {
    showStatus('This link has ended', 'Go back to the app and start again.', true);
  }
}

if (typeof config.flowId === 'string') {
  onDecision({
    allow: (outcome) => complete(outcome),
    deny: () => complete('user_denied'),
    cancel: () => complete('cancel'),
  });
}
