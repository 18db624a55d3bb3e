import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Select, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { storedToken } from '../../auth/token';
import {
  AuditLogAppendedDocument,
  AuditLogDocument,
  type AuditLogFilter,
  type AuditRowFragment,
  type AuditTargetKind,
} from '../../gql/graphql';
import { exportQuery, toAuditFilter, type AuditFilterValues } from './filter';
import { AuditDetails, ExpandButton } from './AuditDetails';
import { useInfiniteScroll } from '../../layout/useInfiniteScroll';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

const PAGE = 50;
// read by screen readers, not shown: the expand column's header
const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};
const KINDS: AuditTargetKind[] = ['REPOSITORY', 'REGISTRY', 'API_TOKEN', 'STORE'];

/**
 * 审计日志, newest first: filters (namespace, actor, action, target kind and name, time range), infinite scroll
 * with 「已加载 N / 共 M」, new entries appended live (auditLogAppended), NDJSON export (GET /audit/export).
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [form] = Form.useForm<AuditFilterValues>();
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [exportError, setExportError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const variables = useMemo(() => ({ filter, first: PAGE }), [filter]);
  const { data, loading, error, fetchMore, networkStatus } = useQuery(AuditLogDocument, {
    variables,
    // what was cached on an earlier visit is shown at once, then read again: entries came while away
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const rows = data?.auditLog.edges.map((e) => e.node) ?? [];
  const total = data?.auditLog.totalCount ?? 0;
  const pageInfo = data?.auditLog.pageInfo;

  // live: a new entry of this filter goes on top of the loaded list, and into its total. The subscription starts
  // from the list's read (its liveCursor), so an entry that came between the read and the subscription comes too;
  // while the list is being read (a filter changed, or cached entries shown while read again) it waits for that read.
  const liveCursor = data?.auditLog.liveCursor ?? null;
  const reading = networkStatus === NetworkStatus.loading || networkStatus === NetworkStatus.setVariables;
  useSubscription(AuditLogAppendedDocument, {
    variables: { filter, after: liveCursor },
    skip: liveCursor === null || reading,
    onData: ({ data: event }) => {
      const entry = event.data?.auditLogAppended;
      if (!entry) return;
      client.cache.updateQuery({ query: AuditLogDocument, variables }, (current) => {
        if (!current || current.auditLog.edges.some((e) => e.node.id === entry.id)) return current;
        return {
          auditLog: {
            ...current.auditLog,
            totalCount: current.auditLog.totalCount + 1,
            edges: [{ __typename: 'AuditEntryEdge' as const, cursor: '', node: entry }, ...current.auditLog.edges],
          },
        };
      });
    },
  });

  const { loadMore, fetchingMore, onScroll } = useInfiniteScroll(
    pageInfo,
    (after) => fetchMore({ variables: { after } }),
    300,
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  const onValuesChange = (_: unknown, values: AuditFilterValues) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setFilter(toAuditFilter(values)), 300);
  };

  const exportNdjson = async () => {
    setExportError(null);
    try {
      const response = await fetch(`/audit/export${exportQuery(filter)}`, {
        headers: { Authorization: `Bearer ${storedToken() ?? ''}` },
      });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-${dayjs().format('YYYYMMDD-HHmmss')}.ndjson`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('audit.title')}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void exportNdjson()} title={t('audit.exportHint')}>
          {t('audit.export')}
        </Button>
      </div>
      <Form<AuditFilterValues> form={form} layout="inline" onValuesChange={onValuesChange} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="namespace" label={t('audit.filters.namespace')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.filters.actor')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="actions" label={t('audit.filters.action')}>
          <Input allowClear style={{ width: 200 }} placeholder="repository.added" />
        </Form.Item>
        <Form.Item name="targetKind" label={t('audit.filters.targetKind')}>
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('audit.filters.targetKind')}
            options={KINDS.map((k) => ({ value: k, label: t(`audit.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="targetName" label={t('audit.filters.targetName')}>
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.filters.range')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      {exportError && <Alert type="error" showIcon message={t('audit.exportFailed', { message: exportError })} />}
      <div
        onScroll={onScroll}
        tabIndex={0}
        role="region"
        aria-label={t('audit.title')}
        style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' }}
      >
        <Table<AuditRowFragment>
          rowKey="id"
          size="small"
          loading={loading && rows.length === 0}
          dataSource={rows}
          pagination={false}
          expandable={{
            expandedRowRender: (entry) => <AuditDetails entry={entry} />,
            expandIcon: (props) => <ExpandButton {...props} />,
            columnTitle: <span style={VISUALLY_HIDDEN}>{t('audit.details.column')}</span>,
          }}
          columns={[
            { title: t('audit.columns.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
            { title: t('audit.columns.actor'), dataIndex: 'actor' },
            { title: t('audit.columns.action'), dataIndex: 'action' },
            { title: t('audit.columns.namespace'), dataIndex: 'namespace' },
            { title: t('audit.columns.targetKind'), dataIndex: 'targetKind', render: (k: AuditTargetKind) => t(`audit.kinds.${k}`) },
            { title: t('audit.columns.target'), key: 'target', render: (_, e) => e.targetName ?? e.targetId },
          ]}
        />
      </div>
      <div className="list-footer" role="status">
        <span>{t('audit.loaded', { loaded: rows.length, total })}</span>
        {data && !pageInfo?.hasNextPage && <span>{t('audit.allLoaded')}</span>}
        {pageInfo?.hasNextPage && (
          <Button size="small" loading={fetchingMore} onClick={() => void loadMore()}>
            {t('audit.more')}
          </Button>
        )}
      </div>
    </>
  );
}
