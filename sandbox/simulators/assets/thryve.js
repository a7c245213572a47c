// Thryve's pages: the direct connection consent (its decision goes to the result
// page), and the result and revoke pages, which forward to the app's redirect_uri
// with `connected=true|false` (location.replace: the Thryve pages leave history).
// The server computes every address; the page only goes there.
import { onDecision, postJson, readConfig, showStatus } from './panel.js';

const config = readConfig();

if (typeof config.forward === 'string') {
  location.replace(config.forward);
} else if (typeof config.flowId === 'string') {
  const complete = async (outcome) => {
    showStatus(outcome === 'slow' ? 'Connecting… (this takes a few seconds)' : 'Finishing…');
    const { body } = await postJson('/dataSourceDirectConnection/complete', { flowId: config.flowId, outcome });
    if (typeof body?.redirect === 'string') location.assign(body.redirect);
    else showStatus('This link has ended', 'Start again from the app.', true);
  };
  onDecision({
    allow: (outcome) => complete(outcome),
    deny: () => complete('deny'),
    cancel: () => complete('cancel'),
  });
}
