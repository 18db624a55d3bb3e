import { useState } from 'react';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { DeleteRepositoryDocument, type RepositoryRowFragment } from '../../gql/graphql';

// The 删除 dialog of a row's 「⋯」 menu (RowActions), a chunk of its own; its 编辑信息 is EditDetailsDialog.

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
