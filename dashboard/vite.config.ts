// The dashboard's bundle (npm run build → dist/dashboard/), served by the gateway at / (graph/http/dashboard.ts).
// Preact's JSX through esbuild; no plugin, no CDN: everything the page loads is in dist/dashboard/.
// graphiql.html is the GraphQL IDE (GraphiQL with its React, a chunk of its own).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    // three.js is loaded only by the map page's 3D view (its own chunk); GraphiQL (~950 kB with
    // React and CodeMirror) only by the IDE page
    chunkSizeWarningLimit: 1000,
    modulePreload: { polyfill: false },
    // two pages: the dashboard (index.html, GET /) and the GraphQL IDE (graphiql.html, GET /graphql)
    rollupOptions: {
      // React libraries mark their modules "use client" (for server components): meaningless in a bundle
      onwarn(warning, warn) { if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning); },
      input: { index: fileURLToPath(new URL('index.html', import.meta.url)), graphiql: fileURLToPath(new URL('graphiql.html', import.meta.url)) } },
  },
});
