import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/AuthContext';
import { antdLocale } from './i18n';
import { THEME } from './theme';

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
