import { Alert, Button, Table, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { AuditLogDocument } from '../../gql/graphql';

/**
 * 审计日志, newest first. TODO(issue 13): filters (namespace, actor, action, target, time range), infinite
 * scroll, live append (auditLogAppended), NDJSON export, totalCount (issue 12).
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const { data, loading, error, fetchMore } = useQuery(AuditLogDocument, { variables: { first: 50 } });
  const rows = data?.auditLog.edges.map((e) => e.node) ?? [];
  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('audit.title')}
        </Typography.Title>
      </div>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('audit.columns.at'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: t('audit.columns.actor'), dataIndex: 'actor' },
          { title: t('audit.columns.action'), dataIndex: 'action' },
          { title: t('audit.columns.namespace'), dataIndex: 'namespace' },
          { title: t('audit.columns.target'), key: 'target', render: (_, e) => e.targetName ?? e.targetId },
        ]}
      />
      {data?.auditLog.pageInfo.hasNextPage && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void fetchMore({ variables: { after: data.auditLog.pageInfo.endCursor } })}
        >
          {t('audit.more')}
        </Button>
      )}
    </>
  );
}
