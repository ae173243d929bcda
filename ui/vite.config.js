import { defineConfig } from 'vite';

// Built by Maven (bin/build-ui, generate-resources) into the jar's webapp/ folder; served by
// filflow itself (web.WebRoutes). Asset names carry content hashes, so they are cached for good.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2020',
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
