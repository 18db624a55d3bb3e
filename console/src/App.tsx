import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/AuthContext';
import { antdLocale } from './i18n';

// antd's default blue (#1677ff), its status colours and its faint description text fall short of WCAG AA contrast (4.5:1) on white:
// a darker primary and stronger secondary texts keep every screen free of serious axe findings.
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    // status tags (已同步, 同步失败, health) write their text in these colours on a pale ground
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorError: '#cf1322',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
  },
};

/**
 * What every screen sits in: antd in the chosen language (buttons keep their labels as written: 「确定」, not
 * 「确 定」, so people and tests find them by the document's words), and the session (token and API client).
 */
export function App({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>
        <SessionProvider>{children}</SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
