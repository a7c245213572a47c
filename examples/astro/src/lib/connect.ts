// The app's server half: the sandbox's address, this app's key and its origin come from
// the environment the server starts with (CONNECT_SANDBOX_URL, CONNECT_SANDBOX_API_KEY,
// APP_ORIGIN), never from the browser.
import { createSessionHandler, mintSandboxSession } from 'connect-elements/server';
import type { CatalogSource } from 'connect-elements';

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

let session: ((request: Request) => Promise<Response>) | undefined;

/** Made on the first request, when the settings are known. */
export function sessionHandler(): (request: Request) => Promise<Response> {
  session ??= createSessionHandler({
    allowedOrigins: [setting('APP_ORIGIN')],
    mint: mintSandboxSession({ apiKey: setting('CONNECT_SANDBOX_API_KEY'), baseUrl: setting('CONNECT_SANDBOX_URL') }),
  });
  return session;
}

/** The provider's public catalog. */
export async function catalog(): Promise<CatalogSource[]> {
  const response = await fetch(`${setting('CONNECT_SANDBOX_URL')}/v1/sources`);
  if (!response.ok) throw new Error(`the catalog answered ${response.status}`);
  return ((await response.json()) as { sources: CatalogSource[] }).sources;
}
