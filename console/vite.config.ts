/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { antdStaticStyle, antdStyleFunctionsOut } from './vite/antdStaticStyle';
import { screenTexts } from './vite/screenTexts';

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

/**
 * Imports of a package's index that take one small part of it, pointed at the module that defines that part.
 * antd's form context (every input and select reads it) takes only FormProvider from @rc-component/form, whose
 * index also attaches Field, List and useForm to the form (`RefForm.Field = …`, code Rollup must keep): all of
 * rc-form and its async-validator (some 13 KB gzip) came with the first screen. antd's Form (the dialogs and
 * drawers, loaded when opened) still imports the whole index. The build fails when antd stops importing it so.
 */
const NARROWED = [
  { importer: 'antd/es/form/context.js', source: '@rc-component/form', target: '@rc-component/form/es/FormContext.js' },
];

function narrowedImports(): Plugin {
  const used = new Set<number>();
  return {
    name: 'narrowed-imports',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      const from = importer?.replace(/\\/g, '/') ?? '';
      const index = NARROWED.findIndex((n) => n.source === source && from.endsWith(n.importer));
      if (index < 0) return null;
      used.add(index);
      return this.resolve(NARROWED[index].target, importer, { skipSelf: true });
    },
    buildEnd(error) {
      const missing = NARROWED.filter((_, index) => !used.has(index)).map((n) => `${n.importer} → ${n.source}`);
      if (!error && missing.length) this.error(`no longer imported: ${missing.join(', ')}: update NARROWED in vite.config.ts`);
    },
  };
}

/**
 * graphql-js's modules that Apollo Client (and graphql-ws's client) run on every screen: the AST's kinds, the
 * visitor and the printer with what they import. Everything else of graphql is GraphiQL's (see manualChunks).
 */
const FIRST_SCREEN_GRAPHQL =
  /\/node_modules\/graphql\/(language\/(kinds|ast|visitor|printer|reducer|blockString|characterClasses|printString|predicates)|jsutils\/(devAssert|inspect))\.mjs$/;

/**
 * The entry and every chunk it imports (what each screen loads first) must not need 'graphql-schema': if Apollo
 * starts to use a part of graphql outside FIRST_SCREEN_GRAPHQL, 'apollo' and 'graphql-schema' would import each
 * other and run in the wrong order (a blank screen), so the build stops and names the module instead.
 */
function firstScreenChunksCheck(): Plugin {
  return {
    name: 'first-screen-chunks-check',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const loaded = new Set<string>();
      const visit = (file: string) => {
        if (loaded.has(file)) return;
        loaded.add(file);
        chunks.get(file)?.imports.forEach(visit);
      };
      chunks.forEach((chunk) => chunk.isEntry && visit(chunk.fileName));
      for (const file of loaded) {
        const graphql = Object.keys(chunks.get(file)?.modules ?? {}).filter((id) => /\/node_modules\/graphql\//.test(id) && !FIRST_SCREEN_GRAPHQL.test(id));
        if (chunks.get(file)?.name === 'graphql-schema' || graphql.length) {
          this.error(`the entry loads ${file} with graphql's ${graphql.join(', ') || 'graphql-schema chunk'}: add what Apollo needs to FIRST_SCREEN_GRAPHQL in vite.config.ts`);
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    antdStaticStyle(
      fileURLToPath(new URL('./src/antd.generated.css', import.meta.url)),
      fileURLToPath(new URL('./src/antd-more.generated.css', import.meta.url)),
    ),
    antdStyleFunctionsOut(),
    antdTablePartsOnDemand(),
    narrowedImports(),
    firstScreenChunksCheck(),
    screenTexts(),
  ],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // The libraries every screen uses get chunks of their own, apart from the screens' (React.lazy per route).
        // graphql-js is split by file: the first screen runs only the part Apollo uses (Kind, visit, print,
        // isSelectionNode: its operations are codegen's precompiled DocumentNodes, nothing is parsed), listed in
        // FIRST_SCREEN_GRAPHQL and put into 'apollo'; the rest (parser, errors, schema, validation, execution:
        // GraphiQL's, and graphql-ws's server, which GraphiQL's toolkit imports) goes to 'graphql-schema', loaded
        // with /graphiql only. Left to Rollup, Apollo's imports of graphql's index would drag every part used
        // anywhere into 'apollo'. firstScreenChunksCheck() fails the build if 'apollo' ever needs more.
        manualChunks(id: string) {
          if (/\/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) return 'react';
          if (/\/node_modules\/(@apollo\/client|rxjs)\/|\/node_modules\/graphql-ws\/dist\/(client|common)/.test(id)) {
            return 'apollo';
          }
          if (FIRST_SCREEN_GRAPHQL.test(id)) return 'apollo';
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
