import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Space, Spin, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, SettingOutlined, SyncOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { RepositoryPageDocument, SyncRepositoryNowDocument, type SyncRunRowFragment } from '../../gql/graphql';
import { applyRepositoryEvent } from './liveCache';
import { screenHeading, useFocusReturn } from '../../layout/focus';
import { mergeRun, useLiveRun } from './liveRun';
import { SyncFailure } from './SyncFailure';
import { SyncRunProgress } from './SyncRunProgress';
import { DeleteRepositoryDialog } from './DeleteRepositoryDialog';
import { SyncStatusTag } from './SyncStatusTag';
import { EditDetailsDialog } from './EditDetailsDialog';
import { SyncPolicyDialog } from './SyncPolicyDialog';
import { AdvisoriesTab, AuditTab, DependenciesTab, ManifestTab, SyncHistoryTab, TagsTab, when } from './RepositoryTabs';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

const TABS = ['basic', 'history', 'manifest', 'dependencies', 'tags', 'advisories', 'audit'] as const;

/**
 * A repository's page: 基本信息, 同步历史, 镜像清单, 依赖关系, 标签, 建议, 审计 (the tab is in the URL, ?tab=), with
 * 「立即同步」 (the run then shown live, step by step), 「编辑信息」, 同步设置 and 「删除」 (the name typed), each only
 * as me.can allows in the namespace; a failed sync with its code's advice (syncAdvice).
 */
export default function RepositoryDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { namespace = '', name = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((key) => key === params.get('tab')) ?? 'basic';
  const navigate = useNavigate();
  const client = useApolloClient();
  const [dialog, setDialog] = useState<'edit' | 'policy' | 'delete' | null>(null);
  // the dialogs are removed from the page when they close: the keyboard goes back to the button that opened one
  const opener = useRef<HTMLElement | null>(null);
  useFocusReturn(dialog !== null, () => opener.current, () => screenHeading());
  const openDialog = (which: NonNullable<typeof dialog>) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(which);
  };
  const [run, setRun] = useState<SyncRunRowFragment | null>(null);
  const { data, loading, error, refetch } = useQuery(RepositoryPageDocument, { variables: { namespace, name } });
  // the page stays mounted from one repository to another (依赖关系's links): what it showed was the other's
  useEffect(() => {
    setRun(null);
    setDialog(null);
  }, [namespace, name]);
  // the run's steps as they come; its outcome (history, manifest, error, advice) is on the repository: read it
  // again once a sync ends
  useLiveRun(namespace, name, (event) => {
    if (event.syncRun) setRun((current) => mergeRun(current, event.syncRun));
    if (event.syncStatus === 'SUCCESS' || event.syncStatus === 'FAILED') void refetch();
  });
  // what the page reads again (after a sync ended, after a reconnect) also tells the shown run, had events been missed
  const runs = data?.repository?.syncHistory.edges;
  useEffect(() => {
    setRun((current) => (current ? mergeRun(current, runs?.find((edge) => edge.node.id === current.id)?.node) : current));
  }, [runs]);
  const [sync, { loading: syncing }] = useMutation(SyncRepositoryNowDocument, { variables: { namespace, name } });
  const syncNow = () =>
    sync()
      .then(({ data: answer }) => setRun((current) => mergeRun(current, answer?.triggerSync)))
      .catch((e: unknown) => void message.error(errorMessage(e)));

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
  const canEdit = data?.me.canEdit ?? false;
  const canDelete = data?.me.canDelete ?? false;
  const close = () => {
    setDialog(null);
    void refetch();
  };
  const deleted = () => {
    setDialog(null);
    void navigate(`/repositories?namespace=${encodeURIComponent(namespace)}`);
    // the lists cached on the way here lose the row as the list's live DELETED event would do, once this page is gone
    setTimeout(() =>
      applyRepositoryEvent(client.cache, { type: 'DELETED', namespace, name, at: new Date().toISOString(), repository: null }),
    );
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
          {canEdit && (
            <>
              <Button icon={<EditOutlined />} onClick={() => openDialog('edit')}>
                {t('repoPage.edit')}
              </Button>
              <Button icon={<SettingOutlined />} onClick={() => openDialog('policy')}>
                {t('repoPage.editPolicy')}
              </Button>
            </>
          )}
          {canDelete && (
            <Button danger icon={<DeleteOutlined />} onClick={() => openDialog('delete')}>
              {t('repoActions.delete')}
            </Button>
          )}
          {canEdit && (
            <Button
              type="primary"
              icon={<SyncOutlined />}
              loading={syncing}
              onClick={() => void syncNow()}
            >
              {t('repositories.actions.sync')}
            </Button>
          )}
        </Space>
      </div>
      {run && <SyncRunProgress run={run} onClose={() => setRun(null)} />}
      {repository.syncStatus === 'FAILED' && repository.lastError && (
        <SyncFailure
          code={repository.lastError.code}
          message={repository.lastError.message}
          httpStatus={repository.lastError.httpStatus}
          registry={repository.registryRef}
          onOpenPolicy={canEdit ? () => openDialog('policy') : undefined}
        />
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
      {dialog === 'edit' && <EditDetailsDialog namespace={namespace} name={name} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <DeleteRepositoryDialog repository={repository} onClose={() => setDialog(null)} onDeleted={deleted} />
      )}
      {dialog === 'policy' && <SyncPolicyDialog repository={repository} onClose={close} onReload={refetch} />}
    </>
  );
}
