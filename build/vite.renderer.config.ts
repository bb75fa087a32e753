/**
 * The renderer's build: `renderer/index.html` and what it imports, bundled into
 * `dist/renderer`, which the Electron window loads from disk and the browser host serves.
 * Relative asset paths (`base: './'`) work for both; the build emits no inline script, so
 * the hosts' `script-src 'self'` policy holds.
 */
import react from '@vitejs/plugin-react';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const RENDERER_ROOT = join(root, 'renderer');
export const RENDERER_OUT = join(root, 'dist', 'renderer');

export default defineConfig({
  root: RENDERER_ROOT,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: RENDERER_OUT,
    emptyOutDir: true,
    target: 'chrome120',
    // A small inline module preload helper would need 'unsafe-inline'; modern Chromium needs none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
