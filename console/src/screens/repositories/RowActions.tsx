import { useEffect, useState } from 'react';
import { Alert, App, Button, Dropdown, Input, Modal, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { EditDetailsDialog } from './EditDetailsDialog';
import {
  DeleteRepositoryDocument,
  ListPermissionsDocument,
  RowDetailsDocument,
  TriggerSyncDocument,
  type RepositoryRowFragment,
} from '../../gql/graphql';

/**
 * The 「⋯」 menu of a row: details, and what the caller may do in the row's namespace (me.can, read once per
 * namespace): sync now and 编辑信息 with EDIT, 删除 with DELETE.
 */
export function RowActions({ repository }: { repository: RepositoryRowFragment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [sync] = useMutation(TriggerSyncDocument);
  const { data: permissions } = useQuery(ListPermissionsDocument, { variables: { namespace: repository.namespace } });
  const canEdit = permissions?.me.canEdit ?? false;
  const canDelete = permissions?.me.canDelete ?? false;
  const ref = { namespace: repository.namespace, name: repository.name };
  const onClick = ({ key }: { key: string }) => {
    if (key === 'detail') {
      void navigate(`/repositories/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`);
    } else if (key === 'sync') {
      sync({ variables: ref }).catch((error: unknown) => void message.error(errorMessage(error)));
    } else {
      setDialog(key as 'edit' | 'delete');
    }
  };
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          onClick,
          items: [
            { key: 'detail', label: t('repositories.actions.detail') },
            ...(canEdit
              ? [
                  { key: 'sync', label: t('repositories.actions.sync') },
                  { key: 'edit', label: t('repositories.actions.edit') },
                ]
              : []),
            ...(canDelete
              ? [{ type: 'divider' as const }, { key: 'delete', label: t('repositories.actions.delete'), danger: true }]
              : []),
          ],
        }}
      >
        <Button type="text" aria-label={`${t('repositories.more')} ${repository.name}`}>
          ⋯
        </Button>
      </Dropdown>
      {dialog === 'edit' && <EditDialog repository={repository} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteDialog repository={repository} onClose={() => setDialog(null)} />}
    </>
  );
}

/**
 * 「编辑信息」 from the row menu: the repository page's dialog, on the repository read anew (the list's row has no
 * description: sending one the dialog did not show would clear it), its version the one the dialog shows.
 */
function EditDialog({ repository, onClose }: { repository: RepositoryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useQuery(RowDetailsDocument, {
    variables: { namespace: repository.namespace, name: repository.name },
    fetchPolicy: 'network-only',
  });
  const fresh = data?.repository;
  const gone = error || (data && !fresh);
  useEffect(() => {
    if (gone) {
      void message.error(error ? errorMessage(error) : t('detail.notFound', repository));
      onClose();
    }
  }, [gone, error, message, onClose, t, repository]);
  return fresh ? <EditDetailsDialog repository={fresh} onClose={onClose} onReload={refetch} /> : null;
}

function DeleteDialog({ repository, onClose }: { repository: RepositoryRowFragment; onClose: () => void }) {
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
