import { useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, InputNumber, Space, Tag } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from '../../api/client';
import {
  AddRegistryDocument,
  ListContextDocument,
  RegistriesDocument,
  UpdateRegistryDocument,
  type RegistryRowFragment,
} from '../../gql/graphql';
import { changesSomething, editValues, toAddInput, toUpdateInput, type RegistryFormValues } from './registryInput';

const FIELDS = new Set<string>([
  'namespace',
  'name',
  'url',
  'insecure',
  'username',
  'password',
  'description',
  'caCertificate',
  'concurrencyLimit',
  'shared',
]);

/**
 * 添加镜像源 (registry undefined) or 编辑镜像源: one form. Secrets are write-only: the password field starts empty
 * whatever is stored; a stored one shows as 已设置 and can be replaced or removed. An edit sends only what changed
 * (an emptied text field as "", which clears it). The gateway's VALIDATION_FAILED lands on the fields it names.
 */
export function RegistryDrawer({ registry, onClose }: { registry?: RegistryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegistryFormValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const clearPassword = Form.useWatch('clearPassword', form);
  const refetch = { refetchQueries: [RegistriesDocument, ListContextDocument], awaitRefetchQueries: true };
  const [add, { loading: adding }] = useMutation(AddRegistryDocument, refetch);
  const [update, { loading: updating }] = useMutation(UpdateRegistryDocument, refetch);
  const editing = registry !== undefined;

  const submit = async (values: RegistryFormValues) => {
    setFailure(null);
    try {
      if (registry) {
        const input = toUpdateInput(registry, values);
        if (!changesSomething(input)) {
          void message.info(t('registries.edit.unchanged'));
          onClose();
          return;
        }
        await update({ variables: { input } });
        void message.success(t('registries.edit.done', { name: registry.name }));
      } else {
        await add({ variables: { input: toAddInput(values) } });
        void message.success(t('registries.done', { name: values.name }));
      }
      onClose();
    } catch (e) {
      const byField = Object.entries(fieldErrors(e));
      const known = byField.filter(([name]) => FIELDS.has(name));
      form.setFields(known.map(([name, text]) => ({ name: name as keyof RegistryFormValues, errors: [text] })));
      const other = byField.filter(([name]) => !FIELDS.has(name)).map(([, text]) => text);
      if (known.length === 0) setFailure(errorMessage(e));
      else if (other.length > 0) setFailure(other.join('; '));
    }
  };

  return (
    <Drawer
      title={editing ? t('registries.edit.title', { name: registry.name }) : t('registries.add')}
      open
      onClose={onClose}
      size={520}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={adding || updating} onClick={() => form.submit()}>
            {editing ? t('common.save') : t('common.ok')}
          </Button>
        </Space>
      }
    >
      {failure && <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />}
      {editing && <p style={{ color: 'rgba(0, 0, 0, 0.65)', marginTop: 0 }}>{t('registries.form.clearHint')}</p>}
      <Form<RegistryFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={registry ? editValues(registry) : { namespace: 'default', insecure: false, shared: false }}
      >
        <Form.Item label={t('registries.form.namespace')} name="namespace" rules={[{ required: true }]}>
          <Input disabled={editing} />
        </Form.Item>
        <Form.Item label={t('registries.form.name')} name="name" rules={[{ required: true }]}>
          <Input placeholder="harbor-prod" disabled={editing} />
        </Form.Item>
        <Form.Item label={t('registries.form.url')} name="url" extra={t('registries.form.urlHint')} rules={[{ required: true }]}>
          <Input placeholder="https://harbor.example.com" />
        </Form.Item>
        <Form.Item name="insecure" valuePropName="checked">
          <Checkbox>{t('registries.form.insecure')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('registries.form.username')} name="username">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={
            <Space size={4}>
              {t('registries.form.password')}
              {registry?.hasCredentials && <Tag color="#237804">{t('registries.form.passwordSet')}</Tag>}
            </Space>
          }
          name="password"
          extra={
            !editing
              ? t('registries.form.passwordHint')
              : registry.hasCredentials
                ? t('registries.form.passwordKeep')
                : t('registries.form.passwordNone')
          }
        >
          {/* never pre-filled: the stored secret is not readable, and autofill must not put one in */}
          <Input.Password autoComplete="new-password" disabled={clearPassword === true} />
        </Form.Item>
        {registry?.hasCredentials && (
          <Form.Item name="clearPassword" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox>{t('registries.form.clearPassword')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item label={t('registries.form.description')} name="description">
          <Input.TextArea rows={2} maxLength={2048} />
        </Form.Item>
        <Form.Item label={t('registries.form.caCertificate')} name="caCertificate" extra={t('registries.form.caCertificateHint')}>
          <Input.TextArea rows={3} placeholder="-----BEGIN CERTIFICATE-----" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          label={t('registries.form.concurrencyLimit')}
          name="concurrencyLimit"
          extra={t('registries.form.concurrencyLimitHint')}
          rules={[{ type: 'integer', min: 1, max: 64, message: t('registries.form.concurrencyLimitHint') }]}
        >
          <InputNumber min={1} max={64} placeholder="4" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked">
          <Checkbox>{t('registries.form.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
