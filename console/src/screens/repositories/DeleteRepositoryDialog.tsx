import { useState } from 'react';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { DeleteRepositoryDocument } from '../../gql/graphql';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

/**
 * The typed name confirms a delete when it is the repository's name exactly (case and all, as Harbor and GitHub
 * ask); only spaces around it are forgiven, as a paste often brings them.
 */
export function nameConfirmed(typed: string, name: string) {
  return name.length > 0 && typed.trim() === name;
}

/**
 * 「删除」 on the repository page and in a list row's 「⋯」 menu: the document's warning (FAQ Q5), the name typed to
 * confirm (the gateway checks it too, confirmName), then onDeleted (the page goes back to the list; the list's row
 * leaves by its live event).
 */
export function DeleteRepositoryDialog({
  repository,
  onClose,
  onDeleted,
}: {
  repository: { namespace: string; name: string };
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [remove, { loading }] = useMutation(DeleteRepositoryDocument);
  const confirmed = nameConfirmed(typed, repository.name);
  const submit = async () => {
    if (!confirmed) return;
    try {
      await remove({ variables: { namespace: repository.namespace, name: repository.name, confirmName: repository.name } });
      void message.success(t('deleteOne.done', { name: repository.name }));
      onDeleted();
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
      okText={t('repoActions.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !confirmed, loading }}
    >
      <Typography.Paragraph type="warning">{t('repoActions.deleteWarning')}</Typography.Paragraph>
      <Typography.Paragraph>
        <label htmlFor="delete-repository-name">{t('deleteOne.prompt', { name: repository.name })}</label>
      </Typography.Paragraph>
      <Input
        id="delete-repository-name"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onPressEnter={() => void submit()}
        autoComplete="off"
        spellCheck={false}
        autoFocus
      />
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
