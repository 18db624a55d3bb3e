import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { transformWithEsbuild, type Plugin } from 'vite';
import { SCREEN_TEXTS, type TextsScreen } from '../src/i18n/screenTexts';

const PREFIX = 'virtual:zh-CN-texts/';

/**
 * Simplified Chinese per screen, without splitting src/i18n/zh-CN.ts (one file, one object, where everyone adds
 * keys): in the build, zh-CN.ts keeps only the sections no later screen owns (what the first screen shows), and
 * `virtual:zh-CN-texts/<screen>` holds the sections SCREEN_TEXTS gives that screen, in a chunk loaded with it
 * (i18n/index.ts, loadScreenTexts; routes.tsx). `npm run dev` and the unit tests keep the whole file, so a
 * component rendered alone has all its texts; the browser tests run the build.
 */
export function screenTexts(): Plugin {
  let source = '';
  let build = false;
  const later = new Set<string>(Object.values(SCREEN_TEXTS).flat());

  async function sections(code: string): Promise<Record<string, unknown>> {
    const js = await transformWithEsbuild(code, source, { loader: 'ts', format: 'esm' });
    const module = await import(`data:text/javascript;base64,${Buffer.from(js.code).toString('base64')}`);
    return module.default;
  }

  return {
    name: 'screen-texts',
    enforce: 'pre',
    configResolved(config) {
      source = resolve(config.root, 'src/i18n/zh-CN.ts');
      build = config.command === 'build';
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    async load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const screen = id.slice(PREFIX.length + 1) as TextsScreen;
      const names = SCREEN_TEXTS[screen];
      if (!names) this.error(`no texts for the screen ${screen}: SCREEN_TEXTS in src/i18n/screenTexts.ts`);
      this.addWatchFile(source);
      const all = await sections(await readFile(source, 'utf8'));
      const missing = names.filter((name) => !(name in all));
      if (missing.length) this.error(`zh-CN.ts has no section ${missing.join(', ')} (SCREEN_TEXTS.${screen})`);
      return `export default ${JSON.stringify(Object.fromEntries(names.map((name) => [name, all[name]])))};`;
    },
    async transform(code, id) {
      if (!build || id !== source) return null;
      const all = await sections(code);
      const first = Object.fromEntries(Object.entries(all).filter(([name]) => !later.has(name)));
      return { code: `export default ${JSON.stringify(first)};`, map: null };
    },
  };
}
