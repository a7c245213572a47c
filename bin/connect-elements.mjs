#!/usr/bin/env node
/**
 * `npx connect-elements sandbox`: the sandbox Connect provider (sandbox/server.mjs) and,
 * with `--simulators`, the four systems' simulators (sandbox/simulators/), on loopback,
 * for an integrator's development and end-to-end tests. Prints the provider's URL, the
 * app key, the allowed origins and a session endpoint to paste; Ctrl-C (or SIGTERM)
 * stops everything. Node's built-ins only.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const PROGRAM = 'connect-elements';
const DEFAULT_PORT = 4747;
const DEFAULT_ORIGIN = 'http://localhost:5173';

const USAGE = `Usage: ${PROGRAM} sandbox [options]

Starts the sandbox Connect provider (and, with --simulators, the four systems'
simulators) on this machine, for developing and testing an app with connect-elements.

Options:
  --port <n>            the provider's port (default ${DEFAULT_PORT}; 0: any free port)
  --host <address>      where to listen (default 127.0.0.1; anything else warns)
  --origin <origin>     an app origin allowed to start flows and receive results;
                        repeat for several (default ${DEFAULT_ORIGIN})
  --api-key <key>       the app's key (default: random for each start, or
                        $CONNECT_SANDBOX_API_KEY)
  --coop                send the hosted page with Cross-Origin-Opener-Policy:
                        same-origin (the popup loses its opener; results return by redirect)
  --redirect-only       the hosted page returns results only by redirect
  --simulators          also start the Open Data Labs, Context Gateway, Alter and
                        Thryve simulators (on free ports, printed)
  --redirect-url <url>  a callback URL the simulators accept; repeat for several
                        (default: each origin's /)
  --data <dir>          keep connections in <dir> across restarts (default: memory only)
  --slow-ms <ms>        how long the "slow answer" outcome takes (default 3000)
  --log                 one line per request (method, route, status; never a token)
  --json                print one JSON line with the URLs and keys instead of the text
  -h, --help            this help

Flows can finish by themselves: mintSandboxSession({ ..., finish: { outcome, after } })
in your session endpoint (README, "Testing your integration").`;

/** A mistake in the command line: usage, exit 2. */
class UsageError extends Error {}

function fail(message) {
  throw new UsageError(message);
}

const isLoopback = (host) => host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

function appOrigin(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    fail(`--origin ${JSON.stringify(value)} is not a URL (write it as http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`--origin ${value}: only http and https origins`);
  if (url.origin !== value.replace(/\/$/, '')) fail(`--origin ${value}: give the origin alone (${url.origin}), no path, query or credentials`);
  return url.origin;
}

function wholeNumber(name, value, max) {
  if (!/^\d+$/.test(value) || Number(value) > max) fail(`--${name} ${JSON.stringify(value)} must be a whole number from 0 to ${max}`);
  return Number(value);
}

/** The command line, checked: throws a UsageError on anything it does not understand. */
function parse(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'api-key': { type: 'string' },
        coop: { type: 'boolean' },
        'redirect-only': { type: 'boolean' },
        simulators: { type: 'boolean' },
        'redirect-url': { type: 'string', multiple: true },
        data: { type: 'string' },
        'slow-ms': { type: 'string' },
        log: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) fail('which command? (sandbox)');
  if (positionals[0] !== 'sandbox') fail(`unknown command ${JSON.stringify(positionals[0])} (sandbox is the only one)`);
  if (positionals.length > 1) fail(`unexpected ${JSON.stringify(positionals[1])}`);

  const origins = [...new Set((values.origin ?? [DEFAULT_ORIGIN]).map(appOrigin))];
  const apiKey = values['api-key'] ?? (process.env.CONNECT_SANDBOX_API_KEY || undefined);
  // Printable ASCII without spaces: what an authorization header can carry.
  if (apiKey !== undefined && !/^[\x21-\x7e]{16,256}$/.test(apiKey)) fail('--api-key must be 16 to 256 printable characters without spaces');
  const redirectUrls = (values['redirect-url'] ?? []).map((value) => {
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError();
      return url.href;
    } catch {
      return fail(`--redirect-url ${JSON.stringify(value)} is not an http(s) URL`);
    }
  });
  if (redirectUrls.length && !values.simulators) fail('--redirect-url is for the simulators: add --simulators');
  const host = values.host ?? '127.0.0.1';
  if (!host) fail('--host needs an address');
  return {
    port: values.port === undefined ? DEFAULT_PORT : wholeNumber('port', values.port, 65535),
    host,
    origins,
    apiKey,
    coop: !!values.coop,
    redirectOnly: !!values['redirect-only'],
    simulators: !!values.simulators,
    redirectUrls: redirectUrls.length ? redirectUrls : origins.map((origin) => `${origin}/`),
    dataDir: values.data === undefined ? undefined : resolve(values.data || fail('--data needs a directory')),
    slowMs: values['slow-ms'] === undefined ? undefined : wholeNumber('slow-ms', values['slow-ms'], 600_000),
    log: !!values.log,
    json: !!values.json,
  };
}

const version = () => {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return '';
  }
};

/** The five lines an app's backend needs (connect-elements/server), for this sandbox. */
const sessionEndpoint = (options, origin) => [
  "import { createSessionHandler, mintSandboxSession } from 'connect-elements/server';",
  'export const connectSession = createSessionHandler({',
  `  allowedOrigins: [${options.origins.map((origin) => `'${origin}'`).join(', ')}],`,
  `  mint: mintSandboxSession({ apiKey: process.env.CONNECT_SANDBOX_API_KEY, baseUrl: '${origin}' }),`,
  '});',
];

function report(options, sandbox, simulators) {
  const apiKey = sandbox.apiKeys.app;
  if (options.json) {
    const simulatorInfo = simulators && {
      opendatalabs: simulators.opendatalabs,
      contextGateway: simulators.contextGateway,
      alter: simulators.alter,
      thryve: simulators.thryve,
      redirectUrls: options.redirectUrls,
    };
    console.log(JSON.stringify({ origin: sandbox.origin, apiKey, allowedOrigins: options.origins, ...(simulatorInfo ? { simulators: simulatorInfo } : {}) }));
    return;
  }
  const behaviour = [options.coop && 'COOP same-origin (popups are severed; results return by redirect)', options.redirectOnly && 'returns results only by redirect'].filter(Boolean);
  const lines = [
    `Connect Elements sandbox${version() ? ` (connect-elements ${version()})` : ''}`,
    '',
    `  Provider        ${sandbox.origin}   (hosted page /connect, catalog /v1/sources)`,
    `  App key         ${apiKey}`,
    `                  ${options.apiKey ? 'as given' : 'random for this start (--api-key or $CONNECT_SANDBOX_API_KEY to keep one)'}`,
    `  Allowed origin${options.origins.length > 1 ? 's' : ' '} ${options.origins.join(', ')}   (no other origin can start a flow)`,
    ...(behaviour.length ? [`  Hosted page     ${behaviour.join('; ')}`] : []),
    `  Connections     ${options.dataDir ? `kept in ${options.dataDir}` : 'in memory only (--data <dir> to keep them)'}`,
  ];
  if (simulators) {
    lines.push(
      '',
      `  Simulators (callback URLs: ${options.redirectUrls.join(', ')})`,
      `    Open Data Labs   API ${simulators.opendatalabs.apiOrigin}  dashboard ${simulators.opendatalabs.dashboardOrigin}  key ${simulators.opendatalabs.apiKey}`,
      `    Context Gateway  ${simulators.contextGateway.origin}  key ${simulators.contextGateway.apiKey}`,
      `    Alter            ${simulators.alter.origin}  key ${simulators.alter.apiKey}`,
      `    Thryve           ${simulators.thryve.origin}  key ${simulators.thryve.apiKey}`,
    );
  }
  lines.push(
    '',
    '  Your session endpoint (the element\'s session-url), with connect-elements/server:',
    '',
    ...sessionEndpoint(options, sandbox.origin).map((line) => `    ${line}`),
    '',
    `  with CONNECT_SANDBOX_API_KEY=${apiKey} in its environment.`,
    '',
    'Ready. Ctrl-C stops everything.',
  );
  console.log(lines.join('\n'));
}

/** What went wrong while starting, in one line. */
function startFailure(error, options) {
  if (error?.code === 'EADDRINUSE') {
    return `${options.host}:${error.port ?? options.port} is already in use (another sandbox?): choose another with --port, or --port 0 for any free port`;
  }
  if (error?.code === 'EADDRNOTAVAIL' || error?.code === 'ENOTFOUND') return `cannot listen on ${options.host}: no such address on this machine`;
  if (error?.code === 'EACCES') return `not allowed to listen on ${options.host}:${options.port} (ports below 1024 need privileges)`;
  return error?.message ?? String(error);
}

async function main(argv) {
  let options;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${PROGRAM}: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!isLoopback(options.host)) {
    console.error(
      `${PROGRAM}: warning: listening on ${options.host}, not loopback: other machines can reach the sandbox. ` +
        'It is a test provider: keep it on 127.0.0.1 unless you need this.',
    );
  }

  const [{ startSandbox }, simulatorsModule] = await Promise.all([
    import('../sandbox/server.mjs'),
    options.simulators ? import('../sandbox/simulators/index.mjs') : null,
  ]);
  /** Everything started so far, stopped in reverse on a signal or a failed start. */
  const running = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(running.reverse().map((service) => service.close()));
    process.exit(code);
  };
  // A second Ctrl-C while closing ends at once.
  const onSignal = () => (stopping ? process.exit(130) : stop(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Under npx (npm exec), a SIGTERM sent to npm ends npm without reaching this process:
  // stop when the process that started it is gone, rather than run on, orphaned.
  if (process.env.npm_command === 'exec') {
    const launcher = process.ppid;
    setInterval(() => process.ppid !== launcher && onSignal(), 250).unref();
  }

  try {
    const sandbox = await startSandbox({
      host: options.host,
      port: options.port,
      apps: [
        {
          id: 'app',
          name: 'Your app',
          apiKey: options.apiKey,
          allowedOrigins: options.origins,
          ...(options.coop ? { openerPolicy: 'same-origin' } : {}),
          ...(options.redirectOnly ? { returnBy: 'redirect' } : {}),
        },
      ],
      log: options.log,
      dataDir: options.dataDir,
      ...(options.slowMs === undefined ? {} : { slowMs: options.slowMs }),
    });
    running.push(sandbox);
    let simulators;
    if (simulatorsModule) {
      simulators = await simulatorsModule.startSimulators({
        host: options.host,
        appOrigins: options.origins,
        redirectUrls: options.redirectUrls,
        log: options.log,
        ...(options.slowMs === undefined ? {} : { slowMs: options.slowMs }),
      });
      running.push(simulators);
    }
    report(options, sandbox, simulators);
  } catch (error) {
    console.error(`${PROGRAM}: ${startFailure(error, options)}`);
    await stop(1);
  }
  return undefined;
}

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
