export default defineNuxtConfig({
  compatibilityDate: '2025-07-15',
  devtools: { enabled: false },
  telemetry: false,
  // The tags are custom elements, not Vue components: without this Vue tries to resolve
  // them as components (a warning in dev, and their attributes are not passed as written).
  vue: {
    compilerOptions: {
      isCustomElement: (tag) => ['connect-button', 'connect-modal', 'source-list'].includes(tag),
    },
  },
});
