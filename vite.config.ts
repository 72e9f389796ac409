import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspPlugin } from './src/security/vitePlugin.ts';

export default defineConfig({
  plugins: [react(), cspPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2500 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
