// connect-elements/server's handler is a fetch handler: Astro hands it the Request as it is.
import type { APIRoute } from 'astro';
import { sessionHandler } from '../../lib/connect';

export const POST: APIRoute = ({ request }) => sessionHandler()(request);
