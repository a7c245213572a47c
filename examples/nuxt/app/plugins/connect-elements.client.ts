// Registered in the browser: the server sends the tags as they are written, and they
// upgrade when this plugin runs, before the app hydrates.
import 'connect-elements/define';

export default defineNuxtPlugin(() => {});
