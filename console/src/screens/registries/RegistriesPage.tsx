import { useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../layout/EmptyText';
import { errorMessage, fieldErrors } from '../../api/client';
import { AddRegistryDocument, ListContextDocument, RegistriesDocument, type RegistryHealth } from '../../gql/graphql';

const HEALTH_COLOR: Record<RegistryHealth, string> = {
  UNKNOWN: 'default',
  HEALTHY: '#237804',
  UNAUTHORIZED: '#ad4e00',
  UNREACHABLE: '#cf1322',
};

interface Values {
  namespace: string;
  name: string;
  url: string;
  insecure?: boolean;
  username?: string;
  password?: string;
  description?: string;
  shared?: boolean;
}

/** 镜像源: the sources with their health; adding one. TODO(issue 13): edit, delete, webhook secret rotation. */
export default function RegistriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const { data, loading, error, fetchMore } = useQuery(RegistriesDocument, { variables: { first: 100 } });
  const [add, { loading: adding }] = useMutation(AddRegistryDocument, {
    refetchQueries: [RegistriesDocument, ListContextDocument],
    awaitRefetchQueries: true,
  });
  const rows = data?.registries.edges.map((e) => e.node) ?? [];

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      await add({
        variables: {
          input: {
            ...values,
            username: values.username || undefined,
            password: values.password || undefined,
            description: values.description || undefined,
          },
        },
      });
      void message.success(t('registries.done', { name: values.name }));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      const byField = Object.entries(fieldErrors(e));
      form.setFields(byField.map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      if (byField.length === 0) setFailure(errorMessage(e));
    }
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('registries.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('registries.add')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon message={errorMessage(error)} />}
      <Table
        rowKey={(r) => `${r.namespace}/${r.name}`}
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('registries.empty')}</EmptyText> }}
        columns={[
          { title: t('registries.columns.name'), dataIndex: 'name' },
          { title: t('registries.columns.namespace'), dataIndex: 'namespace' },
          { title: t('registries.columns.url'), dataIndex: 'url' },
          {
            title: t('registries.columns.health'),
            dataIndex: 'health',
            render: (health: RegistryHealth, r) => (
              <Tag color={HEALTH_COLOR[health]} title={r.healthDetail ?? undefined}>
                {t(`registries.health.${health}`)}
              </Tag>
            ),
          },
          { title: t('registries.columns.repositoryCount'), dataIndex: 'repositoryCount' },
          {
            title: t('registries.columns.shared'),
            dataIndex: 'shared',
            render: (shared: boolean) => (shared ? t('common.yes') : t('common.no')),
          },
        ]}
      />
      {data?.registries.pageInfo.hasNextPage && (
        <Button onClick={() => void fetchMore({ variables: { after: data.registries.pageInfo.endCursor } })}>
          {t('audit.more')}
        </Button>
      )}
      <Drawer
        title={t('registries.add')}
        open={open}
        onClose={() => setOpen(false)}
        size={480}
        footer={
          <Space style={{ float: 'right' }}>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={adding} onClick={() => form.submit()}>
              {t('common.ok')}
            </Button>
          </Space>
        }
      >
        {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ namespace: 'default' }}>
          <Form.Item label={t('registries.form.namespace')} name="namespace" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('registries.form.name')} name="name" rules={[{ required: true }]}>
            <Input placeholder="harbor-prod" />
          </Form.Item>
          <Form.Item
            label={t('registries.form.url')}
            name="url"
            extra={t('registries.form.urlHint')}
            rules={[{ required: true }]}
          >
            <Input placeholder="https://harbor.example.com" />
          </Form.Item>
          <Form.Item name="insecure" valuePropName="checked">
            <Checkbox>{t('registries.form.insecure')}</Checkbox>
          </Form.Item>
          <Form.Item label={t('registries.form.username')} name="username">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('registries.form.password')} name="password" extra={t('registries.form.passwordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label={t('registries.form.description')} name="description">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t('registries.form.shared')}</Checkbox>
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
