import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Big libraries that change rarely get their own long-cached chunks. */
const VENDOR_GROUPS: { name: string; test: RegExp }[] = [
  { name: 'xyflow', test: /node_modules[\\/](@xyflow|elkjs)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
  { name: 'rjsf', test: /node_modules[\\/](@rjsf|ajv|ajv-formats|ajv-i18n|lodash|lodash-es)[\\/]/ },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion)[\\/]/ },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
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
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: VENDOR_GROUPS } },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
    },
  },
});
