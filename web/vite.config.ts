import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // The server mounts the console under /console/, so every asset URL must carry that prefix.
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Inline assets would need data: URLs the CSP does not grant; keep every asset a file.
    assetsInlineLimit: 0,
    // Served from the HQ's own server over the LAN and cached; one bundle beats a waterfall of chunks.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // The console imports the API's enumerations from ../src/contract: let the dev server read them.
    fs: { allow: ['..'] },
    // `vite --config web/vite.config.ts` for development, talking to `npm run dev` on the default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
