// The HTTP call the sandbox's and the simulators' tests make: a bearer key,
// a JSON body, and the answer read as text and, where it parses, as JSON.

/**
 * @param {string} url
 * @param {{ method?: string, body?: unknown, key?: string | null, headers?: Record<string, string>, redirect?: RequestRedirect }} [options]
 */
export async function call(url, { method = 'GET', body, key, headers = {}, redirect = 'manual' } = {}) {
  const response = await fetch(url, {
    method,
    redirect,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text, location: response.headers.get('location') };
}
