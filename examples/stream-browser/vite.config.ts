import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build at /browser/ (`npm run demo`, STREAM_BROWSER_DIR); `npm run dev`
// proxies GraphQL to a gateway on port 4000.
export default defineConfig({
  base: '/browser/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
