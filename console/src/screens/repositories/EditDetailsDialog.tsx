import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { EditFailure, type EditFailureState } from './EditFailure';
import { errorCode, errorMessage } from '../../api/client';
import { EditRepositoryDetailsDocument } from '../../gql/graphql';

interface Props {
  repository: { namespace: string; name: string; displayName?: string | null; description?: string | null; version: number };
  onClose: () => void;
  /** Reads the repository again (after a CONFLICT): the dialog then edits the new version. */
  onReload: () => Promise<unknown>;
}

/**
 * 「编辑信息」 on the repository page: 显示名称 and 描述, sent with expectedVersion. A CONFLICT (someone else
 * changed the repository since it was read) says so and offers to read it again; the form then shows the new values.
 */
export function EditDetailsDialog({ repository, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ displayName: string; description: string }>();
  const [failure, setFailure] = useState<EditFailureState | null>(null);
  const [edit, { loading }] = useMutation(EditRepositoryDetailsDocument);
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
      const conflict = errorCode(error) === 'CONFLICT';
      setFailure({ conflict, text: conflict ? t('repoPage.conflict') : errorMessage(error) });
    }
  };
  const reload = async () => {
    const result = (await onReload()) as { data?: { repository?: Props['repository'] | null } } | undefined;
    const fresh = result?.data?.repository;
    if (fresh) form.setFieldsValue({ displayName: fresh.displayName ?? '', description: fresh.description ?? '' });
    setFailure(null);
  };
  return (
    <Modal
      open
      title={`${t('repoPage.edit')}: ${repository.name}`}
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
        initialValues={{ displayName: repository.displayName ?? '', description: repository.description ?? '' }}
      >
        <Form.Item label={t('create.displayName')} name="displayName" extra={t('create.displayNameHint')}>
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item label={t('create.description')} name="description" extra={t('create.descriptionHint')}>
          <Input.TextArea rows={3} maxLength={2048} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
