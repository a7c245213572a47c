/**
 * Session endpoints that misbehave on purpose, mounted on the test page's own
 * origin next to the real app backend (demo/backend.mjs):
 *   POST /test-api/session/status/:code[?error=name]  an error status, with a JSON error body when `error` is given
 *   POST /test-api/session/html                       200 with an HTML page
 *   POST /test-api/session/json?body=<json>           200 with that JSON
 *   POST /test-api/session/hang                       never answers (until the client gives up)
 *   POST /test-api/session/delay/:ms                  the real backend's answer, :ms later
 *   GET  /test-api/requests                           how many session requests each path got, and the last body
 *   POST /test-api/result/:key?answers=<json>[&delayMs=n]  a result-url: answers the scripted `[{ status, body }]` in
 *                                                     turn (the last one repeats), each after delayMs
 *   GET  /test-api/result-log/:key                    { count, maxInFlight, bodies, headers } of that result-url
 */
export function createSessionFixtures(realBackend) {
  const counts = new Map();
  let lastBody = null;
  const hanging = new Set();

  const readBody = (req) =>
    new Promise((resolve) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => resolve(data));
    });

  const results = new Map();
  const resultEndpoint = async (req, res, url, key) => {
    let entry = results.get(key);
    if (!entry) {
      entry = { answers: JSON.parse(url.searchParams.get('answers') ?? '[]'), count: 0, inFlight: 0, maxInFlight: 0, bodies: [], headers: [] };
      results.set(key, entry);
    }
    entry.count++;
    entry.inFlight++;
    entry.maxInFlight = Math.max(entry.maxInFlight, entry.inFlight);
    entry.bodies.push(JSON.parse((await readBody(req)) || 'null'));
    entry.headers.push({ 'x-connect-elements': req.headers['x-connect-elements'], 'content-type': req.headers['content-type'] });
    await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('delayMs') ?? 0)));
    const answer = entry.answers.length > 1 ? entry.answers.shift() : entry.answers[0] ?? { status: 404, body: {} };
    entry.inFlight--;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  };

  const handle = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const [, , area, key] = url.pathname.split('/');
    if (area === 'result' && key) return resultEndpoint(req, res, url, key).then(() => true);
    if (area === 'result-log' && key) {
      const { count = 0, maxInFlight = 0, bodies = [], headers = [] } = results.get(key) ?? {};
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count, maxInFlight, bodies, headers }));
      return true;
    }
    if (url.pathname === '/test-api/requests') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ counts: Object.fromEntries(counts), lastBody, headers: lastHeaders }));
      return true;
    }
    if (url.pathname === '/api/connect-session' || url.pathname.startsWith('/test-api/session/')) {
      counts.set(url.pathname, (counts.get(url.pathname) ?? 0) + 1);
      lastHeaders = { 'x-connect-elements': req.headers['x-connect-elements'], 'content-type': req.headers['content-type'], cookie: req.headers.cookie ?? null };
    }
    if (!url.pathname.startsWith('/test-api/session/')) return realBackend(req, res);
    const [, , , kind, arg] = url.pathname.split('/');
    if (kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, Number(arg)));
      req.url = '/api/connect-session';
      return realBackend(req, res);
    }
    const body = await readBody(req);
    lastBody = body ? JSON.parse(body) : null;
    if (kind === 'status') {
      const error = url.searchParams.get('error');
      res.writeHead(Number(arg), { 'content-type': error ? 'application/json' : 'text/plain' }).end(error ? JSON.stringify({ error, error_description: 'from the fixture' }) : 'failed');
    } else if (kind === 'html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Sign in</title><p>Please sign in</p>');
    } else if (kind === 'json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(url.searchParams.get('body') ?? '{}');
    } else if (kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
    } else {
      res.writeHead(404).end();
    }
    return true;
  };
  let lastHeaders = null;
  handle.close = () => {
    for (const res of hanging) res.destroy();
  };
  return handle;
}
