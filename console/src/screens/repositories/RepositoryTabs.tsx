import { Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LayerRowFragment, RepositoryPageQuery } from '../../gql/graphql';
import { formatBytes } from './format';

type Repository = NonNullable<RepositoryPageQuery['repository']>;

export const when = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—');

const bytes = (value: number) => (
  <span title={`${value} B`}>{formatBytes(value)}</span>
);

function Layers({ layers, caption }: { layers: LayerRowFragment[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table<LayerRowFragment>
      rowKey={(layer, index) => `${layer.digest}-${index}`}
      size="small"
      pagination={false}
      title={() => caption}
      dataSource={layers}
      columns={[
        { title: t('repoPage.layer.digest'), dataIndex: 'digest', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('repoPage.layer.size'), dataIndex: 'size', render: bytes, width: 120 },
        { title: t('repoPage.layer.mediaType'), dataIndex: 'mediaType', render: (v?: string | null) => v ?? '—' },
      ]}
    />
  );
}

/** 同步历史: the newest 20 runs and how many there are. */
export function SyncHistoryTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const runs = repository.syncHistory.edges.map((e) => e.node);
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={runs}
      footer={() => t('repoPage.total', { count: repository.syncHistory.totalCount })}
      columns={[
        { title: t('detail.run.trigger'), dataIndex: 'trigger', render: (v: string) => t(`detail.trigger.${v}`) },
        { title: t('detail.run.status'), dataIndex: 'status' },
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

/** 依赖关系: the common base image's layers, who shares layers and how much, and what is this image's own. */
export function DependenciesTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  const deps = repository.dependencies;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label={t('repoPage.uniqueBytes')}>{bytes(deps.uniqueBytes)}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey={(row) => row.repository.id}
        size="small"
        pagination={false}
        title={() => t('repoPage.sharedWith', { count: deps.sharedWithCount })}
        dataSource={deps.sharedWith}
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

/** 审计: the repository's events as audit entries, newest 50, and how many there are. */
export function AuditTab({ repository }: { repository: Repository }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={repository.history.edges.map((e) => e.node)}
      footer={() => t('repoPage.total', { count: repository.history.totalCount })}
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
