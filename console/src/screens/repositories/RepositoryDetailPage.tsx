import { Alert, App, Button, Descriptions, Empty, Space, Spin, Table, Tabs, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { RepositoryDetailDocument, TriggerSyncDocument } from '../../gql/graphql';
import { useLiveRepositories } from './useLiveRepositories';
import { SyncFailure } from './SyncFailure';
import { SyncStatusTag } from './SyncStatusTag';

const when = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');

/**
 * A repository's page: 基本信息, 同步历史, 镜像清单, and 「立即同步」. TODO(issue 13): 依赖关系, 标签, 建议, 审计,
 * advice per error code (today the document's general advice for any failure), editing and deleting here, the sync policy (issue 12's fields).
 */
export default function RepositoryDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { namespace = '', name = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(RepositoryDetailDocument, { variables: { namespace, name } });
  // the run's outcome (history, manifest, error) is on the repository: read it again once a sync ends
  useLiveRepositories(namespace, name, (status) => {
    if (status === 'SUCCESS' || status === 'FAILED') void refetch();
  });
  const [sync, { loading: syncing }] = useMutation(TriggerSyncDocument, { variables: { namespace, name } });

  if (loading && !data) return <Spin />;
  if (error) return <Alert type="error" showIcon message={errorMessage(error)} />;
  const repository = data?.repository;
  if (!repository) {
    return (
      <Empty description={t('detail.notFound', { namespace, name })}>
        <Link to="/repositories">{t('detail.back')}</Link>
      </Empty>
    );
  }
  const runs = repository.syncHistory.edges.map((e) => e.node);
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
        <Button
          type="primary"
          icon={<SyncOutlined />}
          loading={syncing}
          onClick={() => sync().catch((e: unknown) => void message.error(errorMessage(e)))}
        >
          {t('repositories.actions.sync')}
        </Button>
      </div>
      {repository.syncStatus === 'FAILED' && repository.lastError && (
        <SyncFailure code={repository.lastError.code} message={repository.lastError.message} />
      )}
      <Tabs
        items={[
          {
            key: 'basic',
            label: t('detail.basicInfo'),
            children: (
              <Descriptions bordered column={2} size="small">
                <Descriptions.Item label={t('create.name')}>{repository.name}</Descriptions.Item>
                <Descriptions.Item label={t('create.displayName')}>{repository.displayName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('create.namespace')}>{repository.namespace}</Descriptions.Item>
                <Descriptions.Item label={t('create.registry')}>
                  {repository.registryRef.namespace}/{repository.registryRef.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('repositories.columns.image')}>{repository.image}</Descriptions.Item>
                <Descriptions.Item label={t('detail.digest')}>{repository.digest ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('detail.syncInterval')}>{repository.syncInterval}</Descriptions.Item>
                <Descriptions.Item label={t('detail.syncTimeout')}>{repository.syncTimeout}</Descriptions.Item>
                <Descriptions.Item label={t('detail.retryCount')}>{repository.retryCount}</Descriptions.Item>
                <Descriptions.Item label={t('repositories.columns.lastSynced')}>
                  {when(repository.lastSynced)}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.nextSyncAt')}>{when(repository.nextSyncAt)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.createdAt')}>{when(repository.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.description')} span={2}>
                  {repository.description ?? '—'}
                </Descriptions.Item>
                {repository.lastError && (
                  <Descriptions.Item label={t('detail.lastError')} span={2}>
                    {repository.lastError.code}: {repository.lastError.message}
                  </Descriptions.Item>
                )}
              </Descriptions>
            ),
          },
          {
            key: 'history',
            label: t('detail.syncHistory'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={runs}
                columns={[
                  { title: t('detail.run.trigger'), dataIndex: 'trigger', render: (v: string) => t(`detail.trigger.${v}`) },
                  { title: t('detail.run.status'), dataIndex: 'status' },
                  { title: t('detail.run.requestedAt'), dataIndex: 'requestedAt', render: when },
                  { title: t('detail.run.finishedAt'), dataIndex: 'finishedAt', render: when },
                  {
                    title: t('detail.run.error'),
                    key: 'error',
                    render: (_, run) => (run.error ? `${run.error.code}: ${run.error.message}` : '—'),
                  },
                ]}
              />
            ),
          },
          {
            key: 'manifest',
            label: t('detail.manifest'),
            children: repository.manifest ? (
              <Descriptions bordered column={1} size="small">
                <Descriptions.Item label="digest">{repository.manifest.digest}</Descriptions.Item>
                <Descriptions.Item label="mediaType">{repository.manifest.mediaType}</Descriptions.Item>
                <Descriptions.Item label="size">{repository.manifest.size}</Descriptions.Item>
                <Descriptions.Item label="created">{when(repository.manifest.created)}</Descriptions.Item>
                <Descriptions.Item label="platform">
                  {[repository.manifest.os, repository.manifest.architecture].filter(Boolean).join('/') || '—'}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty />
            ),
          },
        ]}
      />
    </>
  );
}
