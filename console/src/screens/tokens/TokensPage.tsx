import { useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CopyOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type Role,
  TokenNamespacesDocument,
  TokenPermissionsDocument,
  type CreateApiTokenMutation,
} from '../../gql/graphql';
import { focusFirst, screenHeading } from '../../layout/focus';
import { expiryState, namespaceChoices } from './choices';
import { mayAdminister } from './permissions';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

const ROLES: Role[] = ['VIEWER', 'EDITOR', 'ADMIN', 'AUDITOR', 'METRICS'];

const when = (value?: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

/**
 * A role binding's namespace: 全部命名空间, the namespaces the caller can read (the namespaces query), or a name
 * typed that is not among them (a namespace may hold nothing yet), marked as new.
 */
function NamespaceSelect({
  value,
  onChange,
  known,
  label,
}: {
  value?: string;
  onChange?: (value: string) => void;
  known: readonly string[];
  label: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  return (
    <Select
      aria-label={label}
      style={{ width: 200 }}
      showSearch={{ onSearch: setSearch, filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
      value={value ?? ''}
      onChange={(v: string) => {
        setSearch('');
        onChange?.(v);
      }}
      options={namespaceChoices(known, search).map((c) => ({
        value: c.value,
        label: c.value === '' ? t('tokens.allNamespaces') : c.isNew ? t('tokens.newNamespace', { name: c.value }) : c.value,
      }))}
    />
  );
}

interface Values {
  name: string;
  roles: { namespace?: string; role: Role }[];
  expiresAt?: Dayjs | null;
}

/** 访问令牌: the tokens the caller administers; create (the secret shown once), revoke. */
export default function TokensPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreateApiTokenMutation['createApiToken'] | null>(null);
  const [copied, setCopied] = useState(false);
  // where the keyboard goes after the secret's dialog and a revocation: 创建令牌 (or the heading, without it)
  const createButton = useRef<HTMLButtonElement>(null);
  const backToScreen = (opener?: HTMLElement | null) => focusFirst(opener, createButton.current, () => screenHeading());
  const { data, loading, error } = useQuery(ApiTokensDocument);
  const { data: me } = useQuery(TokenPermissionsDocument);
  const { data: namespaces } = useQuery(TokenNamespacesDocument);
  const knownNamespaces = (namespaces?.namespaces ?? []).map((n) => n.name);
  const [create, { loading: saving }] = useMutation(CreateApiTokenDocument, {
    refetchQueries: [ApiTokensDocument],
    awaitRefetchQueries: true,
  });
  const [revoke] = useMutation(RevokeApiTokenDocument, { refetchQueries: [ApiTokensDocument], awaitRefetchQueries: true });
  const callerRoles = me?.me.roles ?? [];
  const canManage = me?.me.canManage ?? false;
  // 创建: a cluster ADMIN, or an ADMIN of some namespace (who may issue tokens bound to it)
  const canCreate = canManage || callerRoles.some((r) => r.role === 'ADMIN');

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const result = await create({
        variables: {
          input: {
            name: values.name.trim(),
            roles: values.roles.map((r) => ({ namespace: r.namespace?.trim() || null, role: r.role })),
            expiresAt: values.expiresAt ? values.expiresAt.toISOString() : null,
          },
        },
      });
      if (result.data) {
        setCreating(false);
        form.resetFields();
        setCopied(false);
        setCreated(result.data.createApiToken);
      }
    } catch (e) {
      setFailure(errorMessage(e));
    }
  };

  // the token's row (and its 撤销 button) leaves once revoked
  const confirmRevoke = (name: string, opener: HTMLElement) =>
    modal.confirm({
      afterClose: () => backToScreen(opener),
      title: t('tokens.revokeTitle', { name }),
      content: t('tokens.revokeWarning'),
      okText: t('tokens.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        await revoke({ variables: { name } });
      },
    });

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.token).catch(() => undefined);
    setCopied(true);
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('tokens.title')}
        </Typography.Title>
        {canCreate && (
          <Button ref={createButton} type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('tokens.create')}
          </Button>
        )}
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
            render: (v: string | null) =>
              expiryState(v) === 'never' ? (
                t('tokens.never')
              ) : expiryState(v) === 'expired' ? (
                <Space size={4}>
                  <span>{when(v)}</span>
                  <Tag color="#cf1322">{t('tokens.expired')}</Tag>
                </Space>
              ) : (
                when(v)
              ),
          },
          {
            title: t('tokens.columns.actions'),
            key: 'actions',
            render: (_, token) =>
              (canManage || mayAdminister(callerRoles, token.roles)) && (
                <Button danger size="small" aria-label={t('tokens.revokeNamed', { name: token.name })} onClick={(event) => confirmRevoke(token.name, event.currentTarget)}>
                  {t('tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('tokens.create')}
        okText={t('tokens.createOk')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => {
          setCreating(false);
          setFailure(null);
        }}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ roles: [{ namespace: '', role: 'VIEWER' }] }}
          preserve={false}
        >
          <Form.Item
            name="name"
            label={t('tokens.name')}
            extra={t('tokens.nameHint')}
            rules={[
              { required: true, message: t('tokens.nameRequired') },
              { pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, message: t('tokens.nameHint') },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 4 }}>{t('tokens.bindings')}</legend>
                <div style={{ color: 'rgba(0, 0, 0, 0.65)', marginBottom: 8 }}>{t('tokens.namespaceHint')}</div>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'namespace']}>
                      <NamespaceSelect known={knownNamespaces} label={`${t('tokens.namespace')} ${index + 1}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} rules={[{ required: true }]}>
                      <Select
                        aria-label={`${t('tokens.role')} ${index + 1}`}
                        style={{ width: 140 }}
                        options={ROLES.map((r) => ({ value: r, label: r }))}
                      />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label={t('tokens.removeBinding', { index: index + 1 })}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ namespace: '', role: 'VIEWER' })}>
                  {t('tokens.addBinding')}
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')} style={{ marginTop: 16 }}>
            <DatePicker showTime disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          {failure && <Alert type="error" showIcon message={failure} />}
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('tokens.createdTitle', { name: created?.name ?? '' })}
        closable
        destroyOnHidden
        onCancel={() => setCreated(null)}
        // it opened as the create dialog closed, which took the focus it came from along: back to 创建令牌
        afterClose={() => backToScreen()}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('tokens.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t('tokens.onceWarning')} style={{ marginBottom: 12 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={created?.token ?? ''} aria-label={t('tokens.secret')} />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            {copied ? t('tokens.copied') : t('tokens.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </>
  );
}
