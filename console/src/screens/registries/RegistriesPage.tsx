import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../layout/EmptyText';
import { errorMessage } from '../../api/client';
import {
  RegistriesDocument,
  RegistriesPermissionsDocument,
  RegistryHealthChangedDocument,
  type RegistryHealth,
  type RegistryRowFragment,
} from '../../gql/graphql';
import { RegistryActions } from './RegistryActions';
import { RegistryDrawer } from './RegistryDrawer';
import { useFocusReturn } from '../../layout/focus';
import { applyRegistryHealthEvent } from './liveHealth';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

const HEALTH_COLOR: Record<RegistryHealth, string> = {
  UNKNOWN: 'default',
  HEALTHY: '#237804',
  UNAUTHORIZED: '#ad4e00',
  UNREACHABLE: '#cf1322',
};

const when = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm:ss');
// antd's secondary text is too faint for WCAG AA
const NOTE = { color: 'rgba(0, 0, 0, 0.65)', fontSize: 12 };

/** The health column: the state, what the last check said, when, and a pause (unavailable, rate-limited). */
function Health({ r }: { r: RegistryRowFragment }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={HEALTH_COLOR[r.health]}>{t(`registries.health.${r.health}`)}</Tag>
      {r.healthDetail && <span style={NOTE}>{r.healthDetail}</span>}
      {r.unavailableSince && <span style={{ ...NOTE, color: '#a8071a' }}>{t('registries.unavailableSince', { at: when(r.unavailableSince) })}</span>}
      {r.rateLimitedUntil && <span style={{ ...NOTE, color: '#ad4e00' }}>{t('registries.rateLimitedUntil', { at: when(r.rateLimitedUntil) })}</span>}
      {r.lastCheckedAt && <span style={NOTE}>{t('registries.lastChecked', { at: when(r.lastCheckedAt) })}</span>}
    </Space>
  );
}

/**
 * Keeps the listed sources' health current while the screen is open: each change the gateway pushes
 * (registryHealthChanged) goes into the cached row; the list is not read again. Every event is handled as it
 * comes (the client's observable, not a hook's state, which may fold events that arrive close together).
 */
function useLiveRegistryHealth() {
  const client = useApolloClient();
  useEffect(() => {
    const changes = client.subscribe({ query: RegistryHealthChangedDocument, fetchPolicy: 'no-cache' }).subscribe({
      next: ({ data }) => {
        if (data) applyRegistryHealthEvent(client.cache, data.registryHealthChanged);
      },
    });
    return () => changes.unsubscribe();
  }, [client]);
}

/**
 * 镜像源: the sources with their health (live); 添加镜像源, and per source (as me.can allows in its namespace) 编辑,
 * 轮换 Webhook 密钥 and 删除. Secrets are write-only: a stored password shows as 已设置.
 */
export default function RegistriesPage() {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  // the drawer is removed from the page when it closes: the keyboard goes back to 添加镜像源
  useFocusReturn(adding, () => addButton.current);
  const { data, loading, error, fetchMore, refetch } = useQuery(RegistriesDocument, { variables: { first: 100 } });
  const { data: me } = useQuery(RegistriesPermissionsDocument);
  useLiveRegistryHealth();
  // a cluster-wide MANAGE_REGISTRIES, or an ADMIN of some namespace (who may add sources there)
  const canAdd = (me?.me.canManageAll ?? false) || (me?.me.roles ?? []).some((r) => r.role === 'ADMIN');
  const rows = data?.registries.edges.map((e) => e.node) ?? [];

  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('registries.title')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void refetch()}>
            {t('registries.refresh')}
          </Button>
          {canAdd && (
            <Button ref={addButton} type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('registries.add')}
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<RegistryRowFragment>
        rowKey={(r) => `${r.namespace}/${r.name}`}
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('registries.empty')}</EmptyText> }}
        columns={[
          {
            title: t('registries.columns.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Space orientation="vertical" size={0}>
                <span>{name}</span>
                {r.description && <span style={NOTE}>{r.description}</span>}
              </Space>
            ),
          },
          { title: t('registries.columns.namespace'), dataIndex: 'namespace' },
          { title: t('registries.columns.url'), dataIndex: 'url' },
          {
            title: t('registries.columns.credentials'),
            key: 'credentials',
            render: (_, r) =>
              r.hasCredentials ? (
                <Space size={4}>
                  {r.username && <span>{r.username}</span>}
                  <Tag color="#237804">{t('registries.credentialsSet')}</Tag>
                </Space>
              ) : (
                <span>{r.username ?? t('registries.credentialsNone')}</span>
              ),
          },
          { title: t('registries.columns.health'), key: 'health', render: (_, r) => <Health r={r} /> },
          { title: t('registries.columns.repositoryCount'), dataIndex: 'repositoryCount' },
          {
            title: t('registries.columns.shared'),
            dataIndex: 'shared',
            render: (shared: boolean) => (shared ? t('common.yes') : t('common.no')),
          },
          { title: t('registries.columns.actions'), key: 'actions', render: (_, r) => <RegistryActions registry={r} /> },
        ]}
      />
      {data?.registries.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { after: data.registries.pageInfo.endCursor } })}>
          {t('audit.more')}
        </Button>
      )}
      {adding && <RegistryDrawer onClose={() => setAdding(false)} />}
    </>
  );
}
