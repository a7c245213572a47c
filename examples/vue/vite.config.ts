import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const TAGS = ['connect-button', 'connect-modal', 'source-list'];

export default defineConfig({
  // Without this Vue tries to resolve the tags as Vue components and warns at run time.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => TAGS.includes(tag) } } })],
});
