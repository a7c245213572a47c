/**
 * `toNodeHandler`: runs a fetch handler under `node:http`, Express, Connect or
 * Vite's dev server. Typed structurally, so the module needs no `@types/node` and
 * no Node built-in: an Express `req` is an `IncomingMessage`, which fits.
 */

/** The part of `http.IncomingMessage` the adapter reads. */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true`. */
  socket?: object | null;
  /** Set by a body parser (`express.json()`...) that already read the stream. */
  body?: unknown;
  readableEnded?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  removeListener(event: string, listener: (...args: any[]) => void): unknown;
}

/** The part of `http.ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  headersSent: boolean;
  writableEnded?: boolean;
  setHeader(name: string, value: string | string[]): unknown;
  end(chunk?: Uint8Array | string): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface NodeHandlerOptions {
  /** The most the adapter buffers before answering 413 itself; default 64 KiB. The handler's own limit applies after. */
  maxBodyBytes?: number;
}

/** Hop-by-hop headers describe the connection, not the request the handler sees. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

const TOO_LARGE = Symbol('too large');

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const encoder = new TextEncoder();

/** The request body, at most `max` bytes; a declared or streamed larger one stops reading at once. */
function readBody(req: NodeRequestLike, max: number): Promise<Uint8Array<ArrayBuffer> | typeof TOO_LARGE> {
  // A body parser ran first: use what it read.
  if (req.readableEnded && req.body !== undefined) {
    const body = req.body;
    const bytes = body instanceof Uint8Array ? new Uint8Array(body) : encoder.encode(typeof body === 'string' ? body : JSON.stringify(body));
    return Promise.resolve(bytes.byteLength > max ? TOO_LARGE : bytes);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > max) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
    };
    const onData = (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      size += bytes.byteLength;
      if (size > max) {
        cleanup();
        resolve(TOO_LARGE);
      } else {
        chunks.push(bytes);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The incoming message as a web `Request`. The URL's origin comes from the socket and `Host`; no `X-Forwarded-*` header is trusted. */
function toRequest(req: NodeRequestLike, body: Uint8Array<ArrayBuffer>, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const host = typeof req.headers.host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : 'localhost';
  const url = new URL(req.url ?? '/', `${(req.socket as { encrypted?: boolean } | null | undefined)?.encrypted ? 'https' : 'http'}://${host}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, body: hasBody ? body : undefined, signal });
}

function sendTooLarge(res: NodeResponseLike, max: number): void {
  res.statusCode = 413;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  // The rest of the body is still on the socket: never reuse it.
  res.setHeader('connection', 'close');
  res.end(JSON.stringify({ error: 'payload_too_large', error_description: `The body is larger than ${max} bytes.` }));
}

async function writeResponse(res: NodeResponseLike, response: Response): Promise<void> {
  res.statusCode = response.status;
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.end(new Uint8Array(await response.arrayBuffer()));
}

/**
 * Adapts a fetch handler (`createSessionHandler`, `createResultHandler`, any
 * `(request: Request) => Promise<Response>`) to `(req, res, next?)`. Mount it on the
 * endpoint's path: it answers every request it gets. With `next` (Express, Connect),
 * an unexpected failure goes to `next(error)`; without it, a bare 500.
 */
export function toNodeHandler(
  handler: (request: Request) => Response | Promise<Response>,
  { maxBodyBytes = 64 * 1024 }: NodeHandlerOptions = {},
): (req: NodeRequestLike, res: NodeResponseLike, next?: (error?: unknown) => void) => Promise<void> {
  return async function nodeHandler(req, res, next) {
    try {
      // The browser went away: let mint/read stop their provider calls.
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableEnded) abort.abort();
      });
      const body = await readBody(req, maxBodyBytes);
      if (body === TOO_LARGE) {
        sendTooLarge(res, maxBodyBytes);
        return;
      }
      await writeResponse(res, await handler(toRequest(req, body, abort.signal)));
    } catch (error) {
      if (next) {
        next(error);
      } else if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify({ error: 'unknown' }));
      } else {
        res.end();
      }
    }
  };
}
