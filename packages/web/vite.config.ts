import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vendor groups keep the app chunk small and let browsers cache the big libraries across deploys;
// echarts only ever loads with the dashboard because nothing in the shell imports it.
const groups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Dev-time only: point the proxy at another API server (e.g. a private one on another port).
    proxy: { '/api': process.env.KFQ_API_URL ?? 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: { codeSplitting: { groups } },
    },
  },
});
