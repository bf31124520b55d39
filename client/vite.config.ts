// Vite build of the command board: `npm run build:client` writes client/dist, which the exercise
// server serves at `/`. `npm run dev:client` proxies /api and /socket.io to a server on :8119
// (FIRE_SIM_API overrides it).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const api = process.env.FIRE_SIM_API ?? 'http://127.0.0.1:8119';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
