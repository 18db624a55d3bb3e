import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Drawer, Form, Input, Select, Space, type AutoCompleteProps } from 'antd';
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage, fieldErrors } from '../../api/client';
import {
  AddRepositoryDocument,
  PreviewRepositoryDocument,
  RegistryRepositoryPickerDocument,
  RegistryTagPickerDocument,
  type PreviewRepositoryQuery,
} from '../../gql/graphql';
import { CreatePreview } from './CreatePreview';
import { useListContext } from './useListContext';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

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
 * A free-text field offering the options of a query: only while it has the focus, so that an answer arriving
 * after the user moved on opens no list over the next fields.
 */
function Picker(props: AutoCompleteProps) {
  const [focused, setFocused] = useState(false);
  return (
    <AutoComplete
      {...props}
      options={focused ? props.options : []}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    />
  );
}

/** The typed text of a picker, settled for a moment, so that typing sends one query and not one per key. */
function useSettled(value: string | undefined, ms = 300): string {
  const [settled, setSettled] = useState(value ?? '');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value ?? ''), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * 添加镜像: the document's eight fields with their hints; 镜像仓库 and 镜像标签 offer the chosen source's
 * repositories and tags (registryRepositories, registryTags) while staying free to type (a registry that does not
 * list its catalogue says CATALOG_UNAVAILABLE: a quiet hint says so); 「检查」 asks previewRepository what
 * addRepository and the first sync would find.
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
  const chosenRegistry = Form.useWatch('registry', form);
  const typedRepository = useSettled(Form.useWatch('repository', form)?.trim());
  const typedTag = useSettled(Form.useWatch('tag', form)?.trim());
  const [registryNamespace, registryName] = chosenRegistry ? chosenRegistry.split('/') : [undefined, undefined];
  const pickerScope = chosenNamespace && registryName ? { namespace: chosenNamespace, registry: registryName, registryNamespace } : null;
  const repositories = useQuery(RegistryRepositoryPickerDocument, {
    variables: { ...pickerScope!, search: typedRepository || undefined },
    skip: !open || !pickerScope,
    fetchPolicy: 'cache-first',
  });
  const tags = useQuery(RegistryTagPickerDocument, {
    variables: { ...pickerScope!, repository: typedRepository, search: typedTag || undefined },
    skip: !open || !pickerScope || !typedRepository,
    fetchPolicy: 'cache-first',
  });
  const catalogUnavailable = errorCode(repositories.error) === 'CATALOG_UNAVAILABLE';
  const [runPreview, { loading: checking }] = useLazyQuery(PreviewRepositoryDocument, { fetchPolicy: 'network-only' });
  const [preview, setPreview] = useState<PreviewRepositoryQuery['previewRepository'] | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ namespace: namespace ?? namespaces[0] ?? 'default' });
      setFailure(null);
      setPreview(null);
    }
    // the namespace offered first is the one the list shows when the drawer opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const inputOf = (values: Partial<Values>) => {
    const [sourceNamespace, sourceName] = (values.registry ?? '').split('/');
    return {
      namespace: values.namespace?.trim() ?? '',
      name: values.name?.trim() ?? '',
      displayName: values.displayName?.trim() || undefined,
      description: values.description?.trim() || undefined,
      registry: { namespace: sourceNamespace || undefined, name: sourceName ?? '' },
      repository: values.repository?.trim() ?? '',
      tag: values.tag?.trim() ?? '',
      syncInterval: values.syncInterval?.trim() || undefined,
    };
  };

  const check = async () => {
    setFailure(null);
    setPreview(null);
    const values = form.getFieldsValue();
    // the gateway's errors replace the form's own for this check
    form.setFields((Object.keys(FIELD_OF) as string[]).map((f) => ({ name: FIELD_OF[f], errors: [] })));
    const result = await runPreview({ variables: { input: inputOf(values) } });
    if (result.error || !result.data) {
      setFailure(errorMessage(result.error));
      return;
    }
    const found = result.data.previewRepository;
    const placed = found.errors.filter((e) => e.field && FIELD_OF[e.field]);
    form.setFields(placed.map((e) => ({ name: FIELD_OF[e.field!], errors: [e.message] })));
    setPreview({ ...found, errors: found.errors.filter((e) => !(e.field && FIELD_OF[e.field])) });
  };

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      await add({ variables: { input: inputOf(values) } });
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
          <Button loading={checking} onClick={() => void check()}>
            {t('create.check.button')}
          </Button>
          <Button type="primary" loading={loading} onClick={() => form.submit()}>
            {t('common.ok')}
          </Button>
        </Space>
      }
    >
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 16 }} />}
      {preview && (
        <CreatePreview
          preview={preview}
          onPickTag={(tag) => {
            form.setFields([{ name: 'tag', value: tag, errors: [] }]);
            void check();
          }}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setPreview(null)}>
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
          extra={
            <>
              {t('create.repositoryHint')}
              {catalogUnavailable && <div>{t('create.catalogUnavailable')}</div>}
            </>
          }
          rules={required(t('create.repository'))}
        >
          <Picker
            placeholder="library/nginx"
            options={(repositories.data?.registryRepositories.items ?? []).map((value) => ({ value }))}
          />
        </Form.Item>
        <Form.Item label={t('create.tag')} name="tag" extra={t('create.tagHint')} rules={required(t('create.tag'))}>
          <Picker
            placeholder="latest"
            options={(tags.data?.registryTags.items ?? []).map((value) => ({ value }))}
          />
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
