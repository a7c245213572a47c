// The session endpoint in the Node runtime (Next's default for route handlers).
import { sessionHandler } from '@/lib/connect';

export function POST(request: Request): Promise<Response> {
  return sessionHandler()(request);
}
