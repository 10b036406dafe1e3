import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Big libraries that change rarely get their own long-cached chunks. Higher priority groups are cut
 * first and each takes its dependencies along, so chunks only depend on higher-priority ones and never
 * on the entry: a cycle between chunks breaks module initialisation order.
 */
const VENDOR_GROUPS: { name: string; test: RegExp; priority: number }[] = [
  {
    name: 'react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
    priority: 50,
  },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+)[\\/]/, priority: 40 },
  { name: 'xyflow', test: /node_modules[\\/]@xyflow[\\/]/, priority: 30 },
  // elkjs ships one 1.4 MB bundle; only the flow designer (a lazy route) loads it.
  { name: 'elk', test: /node_modules[\\/]elkjs[\\/]/, priority: 30 },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 30 },
  { name: 'rjsf', test: /node_modules[\\/](@rjsf|ajv|ajv-formats|ajv-i18n)[\\/]/, priority: 30 },
  { name: 'cel', test: /node_modules[\\/]@marcbachmann[\\/]/, priority: 30 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

/**
 * The designer SPA: sources in designer/, built to designer/dist (served by the API as static files).
 * In dev, /api and /healthz are proxied to the API on :3000 so cookies stay same-origin.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: { codeSplitting: { groups: VENDOR_GROUPS } },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
