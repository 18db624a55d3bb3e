/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves the built files at / (console/pom.xml packs dist/ into the jar). `npm run dev` serves the
// sources on :5173 and forwards the API to a gateway on :8080 (GATEWAY_URL to change it).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

/**
 * Parts of antd's Table that it imports whether or not a table uses them; the console's tables use none of them
 * today (no column filters, `pagination={false}` on the list, no radio selection). Each is loaded in a chunk of its
 * own when a table first renders it, so the list's first screen does not carry them (some 25 KB gzip: the filter
 * menu with antd's Tree, Pagination, Radio). `fallback` is what shows meanwhile (a filtered column's title).
 * The build fails when antd moves one of them (e2e/budget.spec.ts would tell anyway).
 */
const ON_DEMAND = [
  { importer: 'antd/es/table/hooks/useFilter/index.js', source: './FilterDropdown', fallback: 'props.children', flattenKeys: true },
  { importer: 'antd/es/table/InternalTable.js', source: '../pagination', fallback: 'null' },
  { importer: 'antd/es/table/hooks/useSelection.js', source: '../../radio', fallback: 'null' },
];

function antdTablePartsOnDemand(): Plugin {
  const PREFIX = '\0on-demand:';
  const real = new Map<string, string>();
  return {
    name: 'antd-table-parts-on-demand',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      const from = importer?.replace(/\\/g, '/') ?? '';
      const index = ON_DEMAND.findIndex((part) => part.source === source && from.endsWith(part.importer));
      if (index < 0) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved) return null;
      real.set(String(index), resolved.id);
      return PREFIX + index;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const index = id.slice(PREFIX.length);
      const part = ON_DEMAND[Number(index)];
      return `
import { createElement, lazy, Suspense } from 'react';
const Real = lazy(() => import(${JSON.stringify(real.get(index))}));
export default function OnDemand(props) {
  return createElement(Suspense, { fallback: ${part.fallback} }, createElement(Real, props));
}
${part.flattenKeys ? `export function flattenKeys(filters) {
  let keys = [];
  (filters || []).forEach(({ value, children }) => {
    keys.push(value);
    if (children) keys = keys.concat(flattenKeys(children));
  });
  return keys;
}` : ''}
`;
    },
    buildEnd(error) {
      const missing = ON_DEMAND.filter((_, index) => !real.has(String(index))).map((p) => `${p.importer} → ${p.source}`);
      if (!error && missing.length) {
        this.error(`antd's table no longer imports ${missing.join(', ')}: update ON_DEMAND in vite.config.ts`);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), antdTablePartsOnDemand()],
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
