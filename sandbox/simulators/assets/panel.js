// What every simulator page script shares: the server's config block, the status
// screen, one decision per page, and same-origin JSON calls. Text only: every
// string goes in with textContent.

const byId = (id) => document.getElementById(id);

/** The data block the server rendered (never the page's own URL). */
export function readConfig() {
  const block = byId('sim-config');
  if (!block) return {};
  try {
    return JSON.parse(block.textContent || '{}');
  } catch {
    return {};
  }
}

export function showStatus(heading, text = '', isError = false) {
  const consent = byId('consent');
  if (consent) consent.hidden = true;
  const status = byId('status');
  status.hidden = false;
  status.classList.toggle('error', isError);
  byId('status-heading').textContent = heading;
  byId('status-text').textContent = text;
  byId('status-heading').focus();
}

export function showConsent() {
  byId('status').hidden = true;
  byId('consent').hidden = false;
  byId('heading').focus();
}

/** Fills the consent screen (pages whose server could not render it: Alter's token is in the fragment). */
export function fillConsent({ heading, text, icon, items }) {
  byId('heading').textContent = heading;
  byId('subheading').textContent = text;
  const image = byId('source-icon');
  if (icon) {
    image.src = icon;
    image.hidden = false;
  }
  const list = byId('items');
  list.replaceChildren();
  for (const value of items.length ? items : ['Basic account information']) {
    const item = document.createElement('li');
    if (items.length) {
      const code = document.createElement('code');
      code.textContent = value;
      item.append(code);
    } else {
      item.textContent = value;
    }
    list.append(item);
  }
}

/**
 * Wires Allow (with the "Sandbox outcome" value), Deny and Cancel. Only the first
 * click counts; a failure shows an error screen.
 */
export function onDecision({ allow, deny, cancel }) {
  const buttons = ['allow', 'deny', 'cancel'].map(byId);
  let busy = false;
  const once = (work) => () => {
    if (busy) return;
    busy = true;
    for (const button of buttons) button.disabled = true;
    Promise.resolve()
      .then(work)
      .catch(() => showStatus('Something went wrong', 'Close this window and start again from the app.', true));
  };
  byId('allow').addEventListener('click', once(() => allow(byId('outcome').value)));
  byId('deny').addEventListener('click', once(deny));
  byId('cancel').addEventListener('click', once(cancel));
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** Gives the opener a moment to take the message before it sees the window close. */
export function closeSoon() {
  setTimeout(() => window.close(), 100);
}
