import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage, fieldErrors } from '../../api/client';
import { AddRepositoryDocument } from '../../gql/graphql';
import { useListContext } from './useListContext';

interface Values {
  name: string;
  displayName?: string;
  namespace: string;
  description?: string;
  registry: string;
  repository: string;
  tag: string;
  syncInterval?: string;
}

// The input's fields as the gateway names them in extensions.field, onto the form's fields.
const FIELD_OF: Record<string, keyof Values> = {
  name: 'name',
  displayName: 'displayName',
  namespace: 'namespace',
  description: 'description',
  registry: 'registry',
  'registry.name': 'registry',
  'registry.namespace': 'registry',
  repository: 'repository',
  tag: 'tag',
  syncInterval: 'syncInterval',
};

/**
 * 添加镜像: the document's eight fields with their hints. TODO(issue 12): previewRepository before 「确定」 and
 * pickers of the source's repositories and tags (registryRepositories, registryTags).
 */
export function CreateRepositoryDrawer({
  open,
  onClose,
  namespace,
}: {
  open: boolean;
  onClose: () => void;
  namespace: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const { namespaces, registries } = useListContext(namespace ? [namespace] : []);
  const [add, { loading }] = useMutation(AddRepositoryDocument);
  const chosenNamespace = Form.useWatch('namespace', form);
  const usable = registries.filter((r) => r.namespace === chosenNamespace || r.shared);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ namespace: namespace ?? namespaces[0] ?? 'default' });
      setFailure(null);
    }
    // the namespace offered first is the one the list shows when the drawer opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (values: Values) => {
    setFailure(null);
    const [registryNamespace, registryName] = values.registry.split('/');
    try {
      await add({
        variables: {
          input: {
            namespace: values.namespace,
            name: values.name.trim(),
            displayName: values.displayName?.trim() || undefined,
            description: values.description?.trim() || undefined,
            registry: { namespace: registryNamespace, name: registryName },
            repository: values.repository.trim(),
            tag: values.tag.trim(),
            syncInterval: values.syncInterval?.trim() || undefined,
          },
        },
      });
      void message.success(t('create.done', { name: values.name }));
      onClose();
    } catch (error) {
      const byField = fieldErrors(error);
      const known = Object.entries(byField).filter(([field]) => FIELD_OF[field]);
      if (errorCode(error) === 'VALIDATION_FAILED' || known.length > 0) {
        form.setFields(known.map(([field, text]) => ({ name: FIELD_OF[field], errors: [text] })));
      }
      if (known.length === 0) {
        setFailure(errorMessage(error));
      }
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('create.required', { field }) }];
  return (
    <Drawer
      title={t('create.title')}
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()}>
            {t('common.ok')}
          </Button>
        </Space>
      }
    >
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('create.name')} name="name" extra={t('create.nameHint')} rules={required(t('create.name'))}>
          <Input placeholder="nginx-latest" />
        </Form.Item>
        <Form.Item label={t('create.displayName')} name="displayName" extra={t('create.displayNameHint')}>
          <Input placeholder="Nginx 最新版本" />
        </Form.Item>
        <Form.Item
          label={t('create.namespace')}
          name="namespace"
          extra={t('create.namespaceHint')}
          rules={required(t('create.namespace'))}
        >
          <AutoComplete options={namespaces.map((n) => ({ value: n }))} placeholder="default" />
        </Form.Item>
        <Form.Item label={t('create.description')} name="description" extra={t('create.descriptionHint')}>
          <Input.TextArea rows={2} placeholder="Nginx web 服务器" />
        </Form.Item>
        <Form.Item
          label={t('create.registry')}
          name="registry"
          extra={usable.length === 0 ? t('create.noRegistry') : t('create.registryHint')}
          rules={required(t('create.registry'))}
        >
          <Select
            showSearch
            options={usable.map((r) => ({
              value: `${r.namespace}/${r.name}`,
              label: r.namespace === chosenNamespace ? `${r.name} (${r.domain})` : `${r.namespace}/${r.name} (${r.domain})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('create.repository')}
          name="repository"
          extra={t('create.repositoryHint')}
          rules={required(t('create.repository'))}
        >
          <Input placeholder="library/nginx" />
        </Form.Item>
        <Form.Item label={t('create.tag')} name="tag" extra={t('create.tagHint')} rules={required(t('create.tag'))}>
          <Input placeholder="latest" />
        </Form.Item>
        <Form.Item label={t('create.syncInterval')} name="syncInterval" extra={t('create.syncIntervalHint')}>
          <AutoComplete
            placeholder="1h"
            options={[
              { value: '30m', label: `30m — ${t('create.intervalDev')}` },
              { value: '1h', label: `1h — ${t('create.intervalTest')}` },
              { value: '2h', label: `2h — ${t('create.intervalProd')}` },
              { value: '24h', label: '24h' },
            ]}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
