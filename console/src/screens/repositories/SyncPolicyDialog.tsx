import { useState } from 'react';
import { App, AutoComplete, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { EditFailure, type EditFailureState } from './EditFailure';
import { errorCode, errorMessage, fieldErrors } from '../../api/client';
import { EditRepositorySyncPolicyDocument } from '../../gql/graphql';
import { durationProblem, SYNC_INTERVAL_RANGE, SYNC_TIMEOUT_RANGE } from './format';

interface Policy {
  syncInterval: string;
  syncTimeout: string;
  retryCount: number;
}

interface Props {
  repository: Policy & { namespace: string; name: string; version: number };
  onClose: () => void;
  onReload: () => Promise<unknown>;
}

/**
 * 同步设置 (editRepositorySyncPolicy): 同步间隔 with the document's recommended values, 同步超时时间, 重试次数.
 * Only changed fields are sent; the gateway's VALIDATION_FAILED errors show on their fields; a CONFLICT offers
 * to read the repository again.
 */
export function SyncPolicyDialog({ repository, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Policy>();
  const [failure, setFailure] = useState<EditFailureState | null>(null);
  const [version, setVersion] = useState(repository.version);
  const [save, { loading }] = useMutation(EditRepositorySyncPolicyDocument);

  const durationRule = (range: typeof SYNC_INTERVAL_RANGE) => ({
    validator: (_: unknown, value?: string) => {
      const problem = durationProblem(value, range);
      return problem ? Promise.reject(new Error(t(`repoPage.duration.${problem}`, { range: range.text }))) : Promise.resolve();
    },
  });

  const submit = async (values: Policy) => {
    setFailure(null);
    try {
      await save({
        variables: {
          input: {
            namespace: repository.namespace,
            name: repository.name,
            syncInterval: values.syncInterval?.trim() || undefined,
            syncTimeout: values.syncTimeout?.trim() || undefined,
            retryCount: values.retryCount ?? undefined,
            expectedVersion: version,
          },
        },
      });
      void message.success(t('repoPage.policyDone'));
      onClose();
    } catch (error) {
      const byField = Object.entries(fieldErrors(error))
        .map(([field, text]) => [field.split('.').pop() as keyof Policy, text] as const)
        .filter(([field]) => field === 'syncInterval' || field === 'syncTimeout' || field === 'retryCount');
      if (byField.length > 0) {
        form.setFields(byField.map(([name, text]) => ({ name, errors: [text] })));
        return;
      }
      const conflict = errorCode(error) === 'CONFLICT';
      setFailure({ conflict, text: conflict ? t('repoPage.conflict') : errorMessage(error) });
    }
  };
  const reload = async () => {
    const result = (await onReload()) as { data?: { repository?: Props['repository'] | null } } | undefined;
    const fresh = result?.data?.repository;
    if (fresh) {
      form.setFieldsValue({ syncInterval: fresh.syncInterval, syncTimeout: fresh.syncTimeout, retryCount: fresh.retryCount });
      setVersion(fresh.version);
    }
    setFailure(null);
  };

  return (
    <Modal
      open
      title={`${t('repoPage.editPolicy')}: ${repository.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading, disabled: failure?.conflict }}
    >
      {failure && <EditFailure failure={failure} onReload={() => void reload()} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          syncInterval: repository.syncInterval,
          syncTimeout: repository.syncTimeout,
          retryCount: repository.retryCount,
        }}
      >
        <Form.Item
          label={t('detail.syncInterval')}
          name="syncInterval"
          extra={t('create.syncIntervalHint')}
          rules={[durationRule(SYNC_INTERVAL_RANGE)]}
        >
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
        <Form.Item
          label={t('detail.syncTimeout')}
          name="syncTimeout"
          extra={t('repoPage.timeoutHint')}
          rules={[durationRule(SYNC_TIMEOUT_RANGE)]}
        >
          <Input placeholder="10m" />
        </Form.Item>
        <Form.Item label={t('detail.retryCount')} name="retryCount" extra={t('repoPage.retryHint')}>
          <InputNumber min={0} max={10} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
