import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { catalog } from '$lib/server/connect';

export const load: PageServerLoad = async ({ fetch }) => ({ sources: await catalog(fetch) });

const CONNECTION_ID = /^[A-Za-z0-9_-]{1,256}$/;

export const actions = {
  // The page's form posts the connection the button made; a real app would store it for the user.
  default: async ({ request }) => {
    const connectionId = (await request.formData()).get('connection');
    if (typeof connectionId !== 'string' || !CONNECTION_ID.test(connectionId)) return fail(400, { saved: '' });
    return { saved: connectionId };
  },
} satisfies Actions;
