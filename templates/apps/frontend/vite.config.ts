import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In `npm run dev`, forward the API prefixes to the APIs the way the Ingress does (no path rewrite).
const api = (port: number) => ({ target: `http://localhost:${port}`, changeOrigin: true });

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false },
  server: {
    proxy: {
      '/api-node': api(3000),
      '/api-python': api(8000),
      '/api-go': api(8080),
    },
  },
});
