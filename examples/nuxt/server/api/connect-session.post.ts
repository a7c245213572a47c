// connect-elements/server's handler is a fetch handler: h3 gives it the web Request and
// sends the Response it answers.
import { sessionHandler } from '../utils/connect';

export default defineEventHandler((event) => sessionHandler()(toWebRequest(event)));
