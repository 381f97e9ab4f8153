// The dashboard's bundle (npm run build → dist/dashboard/), served by the gateway at / (graph/http/dashboard.ts).
// Preact's JSX through esbuild; no plugin, no CDN: everything the page loads is in dist/dashboard/.
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
    // three.js is loaded only by the map page's 3D view (its own chunk)
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
  },
});
