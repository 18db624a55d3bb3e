import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage } from '../../api/client';
import {
  DeleteRepositoryDocument,
  EditRepositoryMetadataDocument,
  type RepositoryRowFragment,
} from '../../gql/graphql';

// The dialogs of a row's 「⋯」 menu (RowActions): 编辑信息 and 删除.

export function EditDialog({ repository, onClose }: { repository: RepositoryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; description: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [edit, { loading }] = useMutation(EditRepositoryMetadataDocument);
  const submit = async (values: { displayName?: string; description?: string }) => {
    try {
      await edit({
        variables: {
          input: {
            namespace: repository.namespace,
            name: repository.name,
            displayName: values.displayName ?? '',
            description: values.description ?? '',
            expectedVersion: repository.version,
          },
        },
      });
      void message.success(t('edit.done'));
      onClose();
    } catch (error) {
      setFailure(errorCode(error) === 'CONFLICT' ? t('edit.conflict') : errorMessage(error));
    }
  };
  return (
    <Modal
      open
      title={`${t('edit.title')}: ${repository.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading }}
    >
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginBottom: 12 }} />}
      {/* TODO: the description is not on the list's row; the detail page's query has it */}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ displayName: repository.displayName ?? '' }}>
        <Form.Item label={t('create.displayName')} name="displayName">
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item label={t('create.description')} name="description">
          <Input.TextArea rows={3} maxLength={2048} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DeleteDialog({ repository, onClose }: { repository: RepositoryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [remove, { loading }] = useMutation(DeleteRepositoryDocument);
  const confirmed = typed === repository.name;
  const submit = async () => {
    try {
      await remove({ variables: { namespace: repository.namespace, name: repository.name, confirmName: typed } });
      void message.success(t('deleteOne.done', { name: repository.name }));
      onClose();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <Modal
      open
      title={t('deleteOne.title', { name: repository.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !confirmed, loading }}
    >
      <Typography.Paragraph type="warning">{t('deleteMany.warning')}</Typography.Paragraph>
      <Typography.Paragraph>
        <label htmlFor="delete-name">{t('deleteOne.prompt', { name: repository.name })}</label>
      </Typography.Paragraph>
      <Input
        id="delete-name"
        aria-label={t('deleteOne.confirmName')}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
      />
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
