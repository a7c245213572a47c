'use client';
// The return page of redirect flows (redirect-url="/connect/return"): the callback module
// hands the result back to the app. `next build` prerenders this page on the server, where
// the module must do nothing.
import 'connect-elements/callback';

export default function Return() {
  return <p>Returning to the app…</p>;
}
