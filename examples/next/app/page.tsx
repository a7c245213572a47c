// A server component: the catalog is fetched here, so the list's sources are in the
// page's first HTML and reach the element through connect-elements/react's wrapper.
import { catalog } from '@/lib/connect';
import { Connect } from './connect';

// The sandbox's address is known when the server starts, not when it is built.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const sources = await catalog();
  return (
    <main>
      <h1>Next.js 16</h1>
      <Connect sources={sources} />
    </main>
  );
}
