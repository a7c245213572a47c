// connect-elements/server's handler is a fetch handler: SvelteKit hands it the Request as it is.
import type { RequestHandler } from './$types';
import { sessionHandler } from '$lib/server/connect';

export const POST: RequestHandler = ({ request }) => sessionHandler()(request);
