// dist/connect-elements.min.js: everything `connect-elements` exports, with every
// element registered, for a <script type="module"> on a page with no bundler.
export * from './index.js';
import './define.js';
