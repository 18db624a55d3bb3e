import { Suspense, useEffect, useState } from 'react';
import { Button, Layout, Menu, Space, Spin } from 'antd';
import {
  AuditOutlined,
  CloudServerOutlined,
  CodeOutlined,
  ContainerOutlined,
  KeyOutlined,
  LogoutOutlined,
} from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/AuthContext';
import { consoleSettings } from '../auth/oidc/config';
import { MeDocument } from '../gql/graphql';
import { LanguageSwitch } from './LanguageSwitch';

const SECTIONS = [
  { path: '/repositories', label: 'nav.repositories', icon: <ContainerOutlined /> },
  { path: '/registries', label: 'nav.registries', icon: <CloudServerOutlined /> },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined /> },
  { path: '/tokens', label: 'nav.tokens', icon: <KeyOutlined /> },
] as const;

/** The admin layout: the product's navigation on the left (「镜像管理」 → 「镜像管理」 …), the screen on the right. */
export function AppLayout() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const { pathname } = useLocation();
  const { data } = useQuery(MeDocument);
  const [explorer, setExplorer] = useState(false);
  useEffect(() => {
    let current = true;
    void consoleSettings().then((settings) => current && setExplorer(settings.explorer));
    return () => {
      current = false;
    };
  }, []);
  const selected = SECTIONS.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`))?.path;
  return (
    <Layout className="app">
      <Layout.Sider width={208} theme="light" className="app-sider" breakpoint="lg" collapsedWidth={0}>
        <div className="app-brand">{t('app.title')}</div>
        <nav aria-label={t('nav.imageManagement')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={[
              {
                type: 'group',
                key: 'images',
                label: t('nav.imageManagement'),
                children: SECTIONS.map((s) => ({
                  key: s.path,
                  icon: s.icon,
                  label: <Link to={s.path}>{t(s.label)}</Link>,
                })),
              },
            ]}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space size="middle">
            <LanguageSwitch />
            {explorer && (
              // for developers: GraphiQL, bundled with the console, running as the signed-in caller
              <Link to="/graphiql" className="app-header-link">
                <CodeOutlined /> {t('explorer.title')}
              </Link>
            )}
            {data?.me && <span className="text-secondary">{data.me.name}</span>}
            <Button icon={<LogoutOutlined />} onClick={() => signOut({ endProviderSession: true })}>
              {t('app.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin aria-label={t('app.loading')} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
