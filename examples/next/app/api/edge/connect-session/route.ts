// The same endpoint in the edge runtime: the server module has no Node built-in and
// nothing newer than edge runtimes have. The list's flows use this one.
import { sessionHandler } from '@/lib/connect';

export const runtime = 'edge';

export function POST(request: Request): Promise<Response> {
  return sessionHandler()(request);
}
