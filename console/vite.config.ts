/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the built files at / (console/pom.xml packs dist/ into the jar). `npm run dev` serves the
// sources on :5173 and forwards the API to a gateway on :8080 (GATEWAY_URL to change it).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // the libraries every screen uses, apart from the screens' own chunks (React.lazy per route). `graphql` and
        // graphql-ws's index are left to Rollup: GraphiQL (/graphiql, lazy) imports all of graphql-ws (its server
        // too, with graphql's validation and execution), and a chunk naming the packages would carry that into the
        // first screen
        manualChunks(id: string) {
          if (/\/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          if (/\/node_modules\/(@apollo\/client|rxjs)\/|\/node_modules\/graphql-ws\/dist\/(client|common)/.test(id)) {
            return 'apollo';
          }
          // graphql's language, errors and helpers are what Apollo uses; its schema, validation and execution
          // (GraphiQL's) get a chunk of their own, or Rollup would put every part used anywhere into 'apollo'
          if (/\/node_modules\/graphql\/(language|error|jsutils)\//.test(id)) return 'apollo';
          if (/\/node_modules\/graphql\//.test(id)) return 'graphql-schema';
          return undefined;
        },
      },
    },
  },
  // GraphiQL's Monaco workers (/graphiql) split into chunks: module workers, which every supported browser runs
  worker: { format: 'es' },
  server: {
    proxy: {
      '/graphql': { target: gateway, ws: true },
      '/oapis': gateway,
      '/audit': gateway,
      '/console/config.json': gateway,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // antd's components take their time in jsdom on a loaded machine
    testTimeout: 20000,
  },
});
