import type { ThemeConfig } from 'antd';

// antd's default blue (#1677ff), its status colours and its faint description text fall short of WCAG AA contrast (4.5:1) on white:
// a darker primary and stronger secondary texts keep every screen free of serious axe findings.
export const THEME_TOKENS: ThemeConfig['token'] = {
  colorPrimary: '#0958d9',
  colorLink: '#0958d9',
  // status tags (已同步, 同步失败, health) write their text in these colours on a pale ground
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: '#cf1322',
  colorTextDescription: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
};

/**
 * The console's antd theme. `zeroRuntime`: antd's components generate no styles in the browser; their rules come
 * from a static stylesheet extracted at build time for this theme (vite/antdStaticStyle.ts), unhashed
 * (`hashed: false`) so the extracted selectors (`.ant-btn`) match. The theme's token variables (`--ant-…`) are
 * still set by antd at run time.
 */
export const THEME: ThemeConfig = { token: THEME_TOKENS, hashed: false, zeroRuntime: true };
