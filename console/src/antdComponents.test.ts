import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN_COMPONENTS, MORE_COMPONENTS } from './antdComponents';

// the console's sources as text (tests left out below)
const SOURCES = import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

/** What the console's sources import from antd by name (types left out). */
function importedFromAntd(): Set<string> {
  const names = new Set<string>();
  for (const [path, text] of Object.entries(SOURCES)) {
    if (/\.test\.tsx?$/.test(path)) continue;
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'antd'/g)) {
      match[1]
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '))
        .forEach((n) => names.add(n.split(/\s+as\s+/)[0]));
    }
  }
  return names;
}

describe("antd's styles (zero runtime: none are made in the browser)", () => {
  it('are built for every component the console imports from antd', () => {
    const imported = importedFromAntd();
    expect(imported).toContain('Table');
    const styled = new Set([...FIRST_SCREEN_COMPONENTS, ...MORE_COMPONENTS]);
    // ConfigProvider only passes the theme and locale on; it draws nothing of its own
    const unstyled = [...imported].filter((n) => n !== 'ConfigProvider' && !styled.has(n));
    expect(unstyled).toEqual([]);
  });
});
