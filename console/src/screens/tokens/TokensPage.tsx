import { Alert, Table, Tag, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { ApiTokensDocument } from '../../gql/graphql';

const when = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

/** 访问令牌: the tokens the caller administers. TODO(issue 13): create (secret shown once), revoke. */
export default function TokensPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(ApiTokensDocument);
  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('tokens.title')}
        </Typography.Title>
      </div>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table
        rowKey="name"
        loading={loading}
        dataSource={data?.apiTokens ?? []}
        pagination={false}
        columns={[
          { title: t('tokens.columns.name'), dataIndex: 'name' },
          {
            title: t('tokens.columns.roles'),
            key: 'roles',
            render: (_, token) =>
              token.roles.map((r) => (
                <Tag key={`${r.namespace}-${r.role}`}>
                  {r.role} · {r.namespace ?? t('tokens.allNamespaces')}
                </Tag>
              )),
          },
          { title: t('tokens.columns.createdAt'), dataIndex: 'createdAt', render: when },
          { title: t('tokens.columns.lastUsedAt'), dataIndex: 'lastUsedAt', render: when },
          {
            title: t('tokens.columns.expiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => (v ? when(v) : t('tokens.never')),
          },
        ]}
      />
    </>
  );
}
