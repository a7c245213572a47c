// The app's server half, shared by its two session routes and its page: the sandbox's
// address, this app's key and its origin come from the environment the server starts with
// (CONNECT_SANDBOX_URL, CONNECT_SANDBOX_API_KEY, APP_ORIGIN), never from the browser.
// No Node built-in here: the edge route imports it too.
import { createSessionHandler, mintSandboxSession } from 'connect-elements/server';
import type { CatalogSource } from 'connect-elements';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

let session: ((request: Request) => Promise<Response>) | undefined;

/** Made on the first request, not at import: `next build` loads route modules with none of the settings. */
export function sessionHandler(): (request: Request) => Promise<Response> {
  session ??= createSessionHandler({
    allowedOrigins: [setting('APP_ORIGIN')],
    mint: mintSandboxSession({ apiKey: setting('CONNECT_SANDBOX_API_KEY'), baseUrl: setting('CONNECT_SANDBOX_URL') }),
  });
  return session;
}

/** The provider's public catalog, read on the server so the page's HTML already has it. */
export async function catalog(): Promise<CatalogSource[]> {
  const response = await fetch(`${setting('CONNECT_SANDBOX_URL')}/v1/sources`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`the catalog answered ${response.status}`);
  return ((await response.json()) as { sources: CatalogSource[] }).sources;
}
