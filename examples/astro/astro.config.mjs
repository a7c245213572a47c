import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

// Every page is rendered by the Node server on request: the sandbox's address is known
// when the server starts, not when it is built.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  telemetry: false,
});
