import { useState } from 'react';
import { App, Button, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import {
  RepositoryHistoryMoreDocument,
  RepositorySharedWithDocument,
  RepositorySyncHistoryMoreDocument,
  type LayerRowFragment,
  type RepositoryPageQuery,
} from '../../gql/graphql';
import { formatBytes } from './format';

type Repository = NonNullable<RepositoryPageQuery['repository']>;

export const when = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');

const bytes = (value: number) => (
  <span title={`${value} B`}>{formatBytes(value)}</span>
);

function Layers({ layers, caption }: { layers: LayerRowFragment[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table<LayerRowFragment & { key: string }>
      rowKey="key"
      size="small"
      pagination={false}
      title={() => caption}
      dataSource={layers.map((layer, index) => ({ ...layer, key: `${layer.digest}-${index}` }))}
      columns={[
        { title: t('repoPage.layer.digest'), dataIndex: 'digest', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('repoPage.layer.size'), dataIndex: 'size', render: bytes, width: 120 },
        { title: t('repoPage.layer.mediaType'), dataIndex: 'mediaType', render: (v?: string | null) => v ?? '—' },
      ]}
    />
  );
}

/**
 * Under a tab's list: 「已加载 N / 共 M」 and 「加载更多」 while there is more (a button: keyboard first), then
 * 「已全部加载」.
 */
function LoadMore({ loaded, total, more, onMore }: { loaded: number; total: number; more: boolean; onMore: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const load = () => {
    setLoading(true);
    onMore()
      .catch((error: unknown) => void message.error(errorMessage(error)))
      .finally(() => setLoading(false));
  };
  return (
    <Space>
      <span>{t('repoActions.loaded', { loaded, total })}</span>
      {more ? (
        <Button size="small" loading={loading} onClick={load}>
          {t('repoActions.more')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('repoActions.allLoaded')}</Typography.Text>
      )}
    </Space>
  );
}

/**
 * The next page of a connection on the repository (after the last loaded cursor), written into the cache, where
 * Repository.syncHistory and Repository.history keep their pages as one list (relayStylePagination).
 */
function useNextPage() {
  const client = useApolloClient();
  return {
    syncHistory: (repository: Repository) =>
      client.query({
        query: RepositorySyncHistoryMoreDocument,
        variables: { namespace: repository.namespace, name: repository.name, after: repository.syncHistory.pageInfo.endCursor ?? '' },
        fetchPolicy: 'network-only',
      }),
    history: (repository: Repository) =>
      client.query({
        query: RepositoryHistoryMoreDocument,
        variables: { namespace: repository.namespace, name: repository.name, after: repository.history.pageInfo.endCursor ?? '' },
        fetchPolicy: 'network-only',
      }),
  };
}

const RUN_STATUS: Record<string, string> = {
  REQUESTED: 'liveRun.requested',
  RUNNING: 'liveRun.running',
  SUCCESS: 'liveRun.success',
  FAILED: 'liveRun.failed',
};

/** 同步历史: the runs, newest first, 20 at a time (「加载更多」), with how many there are. */
export function SyncHistoryTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const next = useNextPage();
  const runs = repository.syncHistory.edges.map((e) => e.node);
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={runs}
      footer={() => (
        <LoadMore
          loaded={runs.length}
          total={repository.syncHistory.totalCount}
          more={repository.syncHistory.pageInfo.hasNextPage}
          onMore={() => next.syncHistory(repository)}
        />
      )}
      columns={[
        { title: t('detail.run.trigger'), dataIndex: 'trigger', render: (v: string) => t(`detail.trigger.${v}`) },
        { title: t('detail.run.status'), dataIndex: 'status', render: (v: string) => (RUN_STATUS[v] ? t(RUN_STATUS[v]) : v) },
        { title: t('detail.run.requestedAt'), dataIndex: 'requestedAt', render: when },
        { title: t('detail.run.finishedAt'), dataIndex: 'finishedAt', render: when },
        { title: t('repoPage.run.attempts'), dataIndex: 'attempts' },
        {
          title: t('detail.run.error'),
          key: 'error',
          render: (_, run) => (run.error ? `${run.error.code}: ${run.error.message}` : '—'),
        },
      ]}
    />
  );
}

/** 镜像清单: digest, media type, size, created, platforms and layers. */
export function ManifestTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const manifest = repository.manifest;
  if (!manifest) return <Empty />;
  const platform = [manifest.os, manifest.architecture, manifest.variant].filter(Boolean).join('/') || '—';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t('repoPage.manifest.digest')}>
          <Typography.Text code copyable>
            {manifest.digest}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('repoPage.manifest.mediaType')}>{manifest.mediaType}</Descriptions.Item>
        <Descriptions.Item label={t('repoPage.manifest.size')}>{bytes(manifest.size)}</Descriptions.Item>
        <Descriptions.Item label={t('repoPage.manifest.created')}>{when(manifest.created)}</Descriptions.Item>
        <Descriptions.Item label={t('repoPage.manifest.platform')}>{platform}</Descriptions.Item>
      </Descriptions>
      {manifest.platforms.length > 0 && (
        <Table
          rowKey="digest"
          size="small"
          pagination={false}
          title={() => t('repoPage.manifest.platforms')}
          dataSource={manifest.platforms}
          columns={[
            {
              title: t('repoPage.manifest.platform'),
              key: 'platform',
              render: (_, p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/') || '—',
            },
            { title: t('repoPage.manifest.digest'), dataIndex: 'digest', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('repoPage.manifest.size'), dataIndex: 'size', render: bytes },
            { title: t('repoPage.manifest.layers'), key: 'layers', render: (_, p) => p.layers.length },
          ]}
        />
      )}
      {manifest.layers.length > 0 && <Layers layers={manifest.layers} caption={t('repoPage.manifest.layers')} />}
    </Space>
  );
}

/** sharedWith's longest list (the gateway's default maximum page size). */
const SHARED_MAX = 200;
const SHARED_PAGE = 20;

/**
 * 依赖关系: the common base image's layers, who shares layers and how much (largest first, 20 more on each
 * 「加载更多」: sharedWith has no cursor, so a longer list is read), and what is this image's own.
 */
export function DependenciesTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const [first, setFirst] = useState(SHARED_PAGE);
  const longer = useQuery(RepositorySharedWithDocument, {
    variables: { namespace: repository.namespace, name: repository.name, first },
    skip: first === SHARED_PAGE,
  });
  const deps = repository.dependencies;
  const shared = (first > SHARED_PAGE ? longer.data?.repository?.dependencies.sharedWith : null) ?? deps.sharedWith;
  const total = longer.data?.repository?.dependencies.sharedWithCount ?? deps.sharedWithCount;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t('repoPage.uniqueBytes')}>{bytes(deps.uniqueBytes)}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey={(row) => row.repository.id}
        size="small"
        pagination={false}
        title={() => t('repoPage.sharedWith', { count: total })}
        dataSource={shared}
        loading={longer.loading}
        footer={() => (
          <LoadMore
            loaded={shared.length}
            total={total}
            more={shared.length < total && first < SHARED_MAX}
            onMore={async () => setFirst(Math.min(SHARED_MAX, shared.length + SHARED_PAGE))}
          />
        )}
        columns={[
          {
            title: t('repoPage.repository'),
            key: 'repository',
            render: (_, row) => (
              <Link to={`/repositories/${encodeURIComponent(row.repository.namespace)}/${encodeURIComponent(row.repository.name)}`}>
                {row.repository.namespace}/{row.repository.name}
              </Link>
            ),
          },
          { title: t('repoPage.path'), key: 'image', render: (_, row) => row.repository.image },
          { title: t('repoPage.sharedLayers'), dataIndex: 'layers' },
          { title: t('repoPage.sharedBytes'), dataIndex: 'bytes', render: bytes },
        ]}
      />
      <Layers layers={deps.baseLayers} caption={t('repoPage.baseLayers')} />
    </Space>
  );
}

/** 标签: the other tags of the image's repository in its registry. */
export function TagsTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const tags = repository.remoteTags ?? [];
  if (tags.length === 0) return <Empty description={t('repoPage.noTags')} />;
  return (
    <ul aria-label={t('repoPage.tags')} style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {tags.map((tag) => (
        <li key={tag}>
          <Tag color={tag === repository.tag ? '#0958d9' : undefined}>{tag}</Tag>
        </li>
      ))}
    </ul>
  );
}

/** 建议: the document's best practices checked against the repository, most severe first. */
export function AdvisoriesTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      locale={{ emptyText: t('repoPage.noAdvisories') }}
      dataSource={repository.advisories}
      columns={[
        { title: t('repoPage.advisory.code'), dataIndex: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        {
          title: t('repoPage.advisory.severity'),
          dataIndex: 'severity',
          render: (v: string) => <Tag color={v === 'WARNING' ? '#ad4e00' : '#0958d9'}>{t(`repoPage.severity.${v}`)}</Tag>,
        },
        { title: t('repoPage.advisory.message'), dataIndex: 'message' },
      ]}
    />
  );
}

/** 审计: the repository's events as audit entries, 50 at a time (「加载更多」), with how many there are. */
export function AuditTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const next = useNextPage();
  const entries = repository.history.edges.map((e) => e.node);
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={entries}
      footer={() => (
        <LoadMore
          loaded={entries.length}
          total={repository.history.totalCount}
          more={repository.history.pageInfo.hasNextPage}
          onMore={() => next.history(repository)}
        />
      )}
      columns={[
        { title: t('repoPage.auditCol.at'), dataIndex: 'at', render: when, width: 180 },
        { title: t('repoPage.auditCol.actor'), dataIndex: 'actor' },
        { title: t('repoPage.auditCol.action'), dataIndex: 'action' },
        {
          title: t('repoPage.auditCol.details'),
          dataIndex: 'details',
          render: (v: unknown) => (
            <Typography.Text code ellipsis={{ tooltip: JSON.stringify(v) }} style={{ maxWidth: 480 }}>
              {JSON.stringify(v)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
