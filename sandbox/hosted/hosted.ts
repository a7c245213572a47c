/**
 * The sandbox's hosted Connect page, built on `connect-elements/host`.
 *
 * It trades the session token from its URL fragment for the server-side session
 * record, shows the consent screen, and reports the user's decision to the app:
 * as a message to the exact origin the record names (popup, tab or iframe), or by
 * returning to the record's `redirectUrl`: in redirect mode, for apps that return
 * only by redirect (`returnBy: 'redirect'`; framed in a dialog, such a page still
 * says `ready` to it), and whenever the page has no window to post to (a popup
 * whose opener link `Cross-Origin-Opener-Policy` severed).
 * The page's own URL is never trusted for the origin, the state, or how the flow
 * ends: a session that should finish by itself (`finish`: an outcome and a delay,
 * asked for by the app's backend when it minted the session) says so in the claim
 * answer only.
 */
import {
  createConnectHost,
  type ConnectHost,
  type ConnectOperation,
} from '../../src/host/index.js';
import { postJson, showStatus } from '../simulators/assets/panel.js';

/** What the page needs to report a result, from the claim answer only. */
interface FlowRecord {
  origin: string;
  state: string;
  mode: string;
  redirectUrl?: string;
  returnBy?: 'redirect';
}

/** How the app's backend asked this flow to end by itself: `after` milliseconds, then as if the user had clicked. */
interface Finish {
  outcome: string;
  after: number;
}

interface Claim extends FlowRecord {
  flowId: string;
  finish?: Finish;
  operation: ConnectOperation;
  app: { name: string };
  source: { id: string; name: string; icon: string };
  scopes: string[];
  connectionName?: string;
}

type Result =
  | { type: 'success'; connectionId: string; operation: ConnectOperation }
  | { type: 'error'; code: string; message: string }
  | { type: 'exit' };

/** The values of the "Sandbox outcome" `<select>` (`user_denied` is also what Deny sends). */
type Outcome = 'success' | 'slow' | 'close' | 'user_denied' | 'source_error' | 'provisioning_failed' | 'timeout' | 'invalid_scope';
/** What the server records besides the select's values: Cancel. */
type Decision = Outcome | 'exit';

const USER_DENIED: Result = { type: 'error', code: 'user_denied', message: 'The user denied access.' };
/** Gives the opener a moment to take the message before it sees the window close. */
const CLOSE_DELAY_MS = 100;

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

// Take the token, then drop it from the address bar and the history entry at once.
const token = new URLSearchParams(location.hash.slice(1)).get('session');
history.replaceState(null, '', location.pathname + location.search);

function isFlowRecord(value: unknown): value is FlowRecord {
  const record = value as Partial<FlowRecord> | null;
  return typeof record?.origin === 'string' && typeof record.state === 'string' && typeof record.mode === 'string';
}

function isFinish(value: unknown): value is Finish {
  const finish = value as Partial<Finish> | null;
  return typeof finish?.outcome === 'string' && typeof finish.after === 'number' && finish.after >= 0;
}

/**
 * Ends the flow by itself after `finish.after` ms, exactly as the user would: a click on
 * Deny (`user_denied`), Cancel (`exit`), or Allow with the outcome chosen (`success`,
 * `closed`, any other error code). The panel says so meanwhile, for whoever watches.
 */
function finishBySelf(finish: Finish, outcome: HTMLSelectElement): void {
  const note = byId('finish-note');
  note.textContent = `This flow ends by itself in ${finish.after} ms with “${finish.outcome}”, as the app's backend asked.`;
  note.hidden = false;
  setTimeout(() => {
    if (finish.outcome === 'user_denied') return byId('deny').click();
    if (finish.outcome === 'exit') return byId('cancel').click();
    const value = finish.outcome === 'closed' ? 'close' : finish.outcome;
    // An error code the panel does not list: the server takes it for this session only.
    if (![...outcome.options].some((option) => option.value === value)) outcome.add(new Option(value, value));
    outcome.value = value;
    byId('allow').click();
  }, finish.after);
}

function isClaim(value: unknown): value is Claim {
  const claim = value as Partial<Claim> | null;
  return (
    isFlowRecord(value) &&
    typeof claim?.flowId === 'string' &&
    typeof claim.app?.name === 'string' &&
    typeof claim.source?.name === 'string' &&
    Array.isArray(claim.scopes) &&
    (claim.finish === undefined || isFinish(claim.finish))
  );
}

/**
 * The reporter for this flow: it posts to the opener or parent, or, with no
 * window to post to (redirect mode, an app that returns only by redirect, a
 * popup whose opener link was severed), returns the window to the record's
 * `redirectUrl`. `null` when the record's origin is not one exact origin (the
 * server never sends one, but never report to a guess).
 */
function hostFor(flow: FlowRecord): ConnectHost | null {
  const returnsOnly = flow.mode === 'redirect' || flow.returnBy === 'redirect';
  try {
    return createConnectHost({ origin: flow.origin, state: flow.state, redirectUrl: flow.redirectUrl, ...(returnsOnly && { target: null }) });
  } catch {
    return null;
  }
}

/**
 * A page that returns only by redirect, framed in the app's dialog, still says
 * `ready` to it (and forwards Esc): the dialog shows nothing until then, as it
 * cannot tell a page that loaded from one refused framing. Its results still go
 * only by redirect, into the frame, where the app's return page relays them.
 * `null` in a popup, a tab or a redirect: there it posts nothing at all.
 */
function dialogFraming(flow: FlowRecord): ConnectHost | null {
  if (flow.returnBy !== 'redirect' || flow.mode !== 'modal' || window.parent === window) return null;
  try {
    return createConnectHost({ origin: flow.origin, state: flow.state, target: window.parent });
  } catch {
    return null;
  }
}

/** Tells the server what the user chose; the server's answer is the result to report. */
async function complete(flowId: string, outcome: Decision): Promise<Result> {
  try {
    const { status, body } = await postJson('/connect/complete', { flowId, outcome });
    const answer = (body ?? {}) as { connectionId?: unknown; operation?: unknown; error?: unknown; error_description?: unknown };
    if (status === 200 && typeof answer.connectionId === 'string') {
      return { type: 'success', connectionId: answer.connectionId, operation: answer.operation === 'reauth' ? 'reauth' : 'create' };
    }
    if (typeof answer.error === 'string') {
      return { type: 'error', code: answer.error, message: String(answer.error_description ?? 'The connection failed.') };
    }
  } catch {
    // fall through: the server could not be reached
  }
  return { type: 'error', code: 'provisioning_failed', message: 'The connection could not be set up.' };
}

/**
 * Hands the result to the app: a message when there is a window to post to,
 * else the return to `redirectUrl` (never a message into the void). Then closes
 * the popup or tab (an iframe is closed by its embedder).
 */
function deliver(host: ConnectHost | null, result: Result, appName = 'the app'): void {
  if (!host || (!host.connected && !host.returns)) {
    showStatus('Could not return to the app', 'This window lost its link to the app. Close it and start again.', true);
    return;
  }
  if (!host.connected) showStatus(`Returning to ${appName}…`);
  // Returning, the host navigates this window away: nothing more to show or close.
  if (result.type === 'success') {
    host.success({ connectionId: result.connectionId, operation: result.operation });
    if (host.connected) showStatus('Connected', `You can go back to ${appName}.`);
  } else if (result.type === 'error') {
    host.error(result.code, result.message);
    if (host.connected) showStatus('Not connected', result.message, true);
  } else {
    host.exit();
    if (host.connected) showStatus('Cancelled', `Nothing was shared with ${appName}.`);
  }
  if (host.connected && window.opener) setTimeout(() => window.close(), CLOSE_DELAY_MS);
}

function showConsent(claim: Claim): void {
  const host = hostFor(claim);
  const appName = claim.app.name;

  const icon = byId<HTMLImageElement>('source-icon');
  icon.src = claim.source.icon;
  byId('heading').textContent =
    `${appName} wants to ${claim.operation === 'reauth' ? 'reconnect' : 'connect'} to ${claim.source.name}`;
  byId('subheading').textContent =
    claim.operation === 'reauth'
      ? `Renew access${claim.connectionName ? ` for “${claim.connectionName}”` : ''}. Review what ${appName} asks for.`
      : `Review what ${appName} asks for before you allow it.`;

  const list = byId('scopes');
  for (const scope of claim.scopes) {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = scope;
    item.append(code);
    list.append(item);
  }
  if (!claim.scopes.length) {
    const item = document.createElement('li');
    item.textContent = 'Basic account information';
    list.append(item);
  }

  const outcome = byId<HTMLSelectElement>('outcome');
  const buttons = ['allow', 'deny', 'cancel'].map((id) => byId<HTMLButtonElement>(id));
  let busy = false;
  /** One decision per flow: later clicks are ignored. */
  const decide = (work: () => Promise<void> | void) => () => {
    if (busy) return;
    busy = true;
    for (const button of buttons) button.disabled = true;
    void work();
  };

  byId('allow').addEventListener(
    'click',
    decide(async () => {
      const chosen = outcome.value as Outcome;
      if (chosen === 'close') {
        // The sandbox's "closed without a result": no message at all.
        showStatus('Closed without a result', 'You can close this window.');
        window.close();
        return;
      }
      host?.event('consent_submitted', { decision: 'allow' });
      showStatus('Connecting…', chosen === 'slow' ? 'This takes a few seconds.' : '');
      deliver(host, await complete(claim.flowId, chosen), appName);
    }),
  );
  byId('deny').addEventListener(
    'click',
    decide(async () => {
      host?.event('consent_submitted', { decision: 'deny' });
      // The user's answer stands whatever the server says: telling it only ends the flow there.
      await complete(claim.flowId, 'user_denied');
      deliver(host, USER_DENIED, appName);
    }),
  );
  byId('cancel').addEventListener(
    'click',
    decide(async () => {
      // Recorded for the app's backend; the user has left whatever the server says.
      await complete(claim.flowId, 'exit');
      deliver(host, { type: 'exit' }, appName);
    }),
  );

  byId('status').hidden = true;
  byId('consent').hidden = false;
  byId('heading').focus();
  (dialogFraming(claim) ?? host)?.ready();
  if (claim.finish) finishBySelf(claim.finish, outcome);
}

async function main(): Promise<void> {
  if (!token) {
    showStatus('This link is incomplete', 'Start again from the app.', true);
    return;
  }
  let claim: { status: number; body: unknown };
  try {
    claim = await postJson('/connect/claim', { token });
  } catch {
    showStatus('Could not reach the server', 'Check your connection, then start again from the app.', true);
    return;
  }
  if (claim.status === 200 && isClaim(claim.body)) {
    showConsent(claim.body);
  } else if (claim.status === 410 && isFlowRecord(claim.body)) {
    // Expired or used: the server still knows where this flow came from, so the app hears why.
    const flow = claim.body;
    deliver(hostFor(flow), {
      type: 'error',
      code: 'invalid_token',
      message: 'This connection link has expired or was already used.',
    });
  } else {
    // Unknown token: there is no origin we could trust to report to.
    showStatus('This link is not valid', 'Start again from the app.', true);
  }
}

void main();
