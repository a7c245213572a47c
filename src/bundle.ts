// dist/connect-elements.min.js: everything `connect-elements` exports, with every
// element registered, for a <script type="module"> on a page with no bundler.
// Its page speaks the page's language with no code: each element's locale loads from
// dist/locales/ beside the bundle when an element first renders in it (src/locale-loader.ts).
export * from './index.js';
// Shadow index's two: what a page registers stays over a locale that loads after it.
export { registerTranslation, setErrorMessages } from './locale-loader.js';
import { loadLocalesOnDemand } from './locale-loader.js';
import './define.js';

loadLocalesOnDemand();
