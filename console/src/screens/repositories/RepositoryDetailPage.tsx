import { useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Space, Spin, Tabs, Typography } from 'antd';
import { EditOutlined, SettingOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { RepositoryPageDocument, TriggerSyncDocument } from '../../gql/graphql';
import { useLiveRepositories } from './useLiveRepositories';
import { SyncFailure } from './SyncFailure';
import { SyncStatusTag } from './SyncStatusTag';
import { EditDetailsDialog } from './EditDetailsDialog';
import { SyncPolicyDialog } from './SyncPolicyDialog';
import { AdvisoriesTab, AuditTab, DependenciesTab, ManifestTab, SyncHistoryTab, TagsTab, when } from './RepositoryTabs';

const TABS = ['basic', 'history', 'manifest', 'dependencies', 'tags', 'advisories', 'audit'] as const;

/**
 * A repository's page: 基本信息, 同步历史, 镜像清单, 依赖关系, 标签, 建议, 审计 (the tab is in the URL, ?tab=), with
 * 「立即同步」, 「编辑信息」 and 同步设置. TODO(issue 13): advice per error code (today the document's general advice
 * for any failure), 「删除」 here, a run shown live step by step.
 */
export default function RepositoryDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { namespace = '', name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((key) => key === params.get('tab')) ?? 'basic';
  const [dialog, setDialog] = useState<'edit' | 'policy' | null>(null);
  const { data, loading, error, refetch } = useQuery(RepositoryPageDocument, { variables: { namespace, name } });
  // the run's outcome (history, manifest, error, advice) is on the repository: read it again once a sync ends
  useLiveRepositories(namespace, name, (status) => {
    if (status === 'SUCCESS' || status === 'FAILED') void refetch();
  });
  const [sync, { loading: syncing }] = useMutation(TriggerSyncDocument, { variables: { namespace, name } });

  if (loading && !data) return <Spin />;
  if (error && !data) return <Alert type="error" showIcon message={errorMessage(error)} />;
  const repository = data?.repository;
  if (!repository) {
    return (
      <Empty description={t('detail.notFound', { namespace, name })}>
        <Link to="/repositories">{t('detail.back')}</Link>
      </Empty>
    );
  }
  const close = () => {
    setDialog(null);
    void refetch();
  };
  return (
    <>
      <div className="page-header">
        <Space direction="vertical" size={0}>
          <Link to={`/repositories?namespace=${encodeURIComponent(namespace)}`}>{t('detail.back')}</Link>
          <Typography.Title level={1} style={{ fontSize: 20 }}>
            {repository.displayName ? `${repository.displayName} (${repository.name})` : repository.name}{' '}
            <SyncStatusTag status={repository.syncStatus} />
          </Typography.Title>
        </Space>
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('repoPage.edit')}
          </Button>
          <Button icon={<SettingOutlined />} onClick={() => setDialog('policy')}>
            {t('repoPage.editPolicy')}
          </Button>
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={syncing}
            onClick={() => sync().catch((e: unknown) => void message.error(errorMessage(e)))}
          >
            {t('repositories.actions.sync')}
          </Button>
        </Space>
      </div>
      {repository.syncStatus === 'FAILED' && repository.lastError && (
        <SyncFailure code={repository.lastError.code} message={repository.lastError.message} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'basic') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={[
          {
            key: 'basic',
            label: t('detail.basicInfo'),
            children: (
              <Descriptions bordered column={2} size="small">
                <Descriptions.Item label={t('create.name')}>{repository.name}</Descriptions.Item>
                <Descriptions.Item label={t('create.displayName')}>{repository.displayName || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('create.namespace')}>{repository.namespace}</Descriptions.Item>
                <Descriptions.Item label={t('create.registry')}>
                  {repository.registryRef.namespace}/{repository.registryRef.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('repoPage.domain')}>{repository.domain ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('repoPage.path')}>{repository.image}</Descriptions.Item>
                <Descriptions.Item label={t('detail.syncInterval')}>{repository.syncInterval}</Descriptions.Item>
                <Descriptions.Item label={t('detail.syncTimeout')}>{repository.syncTimeout}</Descriptions.Item>
                <Descriptions.Item label={t('detail.retryCount')}>{repository.retryCount}</Descriptions.Item>
                <Descriptions.Item label={t('detail.digest')}>{repository.digest ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('repositories.columns.lastSynced')}>
                  {when(repository.lastSynced)}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.nextSyncAt')}>{when(repository.nextSyncAt)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.createdAt')}>{when(repository.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.description')} span={2}>
                  {repository.description || '—'}
                </Descriptions.Item>
                {repository.lastError && (
                  <Descriptions.Item label={t('detail.lastError')} span={2}>
                    {repository.lastError.code}: {repository.lastError.message}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ),
          },
          { key: 'history', label: t('detail.syncHistory'), children: <SyncHistoryTab repository={repository} /> },
          { key: 'manifest', label: t('detail.manifest'), children: <ManifestTab repository={repository} /> },
          { key: 'dependencies', label: t('repoPage.dependencies'), children: <DependenciesTab repository={repository} /> },
          { key: 'tags', label: t('repoPage.tags'), children: <TagsTab repository={repository} /> },
          { key: 'advisories', label: t('repoPage.advisories'), children: <AdvisoriesTab repository={repository} /> },
          { key: 'audit', label: t('repoPage.audit'), children: <AuditTab repository={repository} /> },
        ]}
      />
      {dialog === 'edit' && <EditDetailsDialog repository={repository} onClose={close} onReload={refetch} />}
      {dialog === 'policy' && <SyncPolicyDialog repository={repository} onClose={close} onReload={refetch} />}
    </>
  );
}
