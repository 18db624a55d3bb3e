import { lazy, Suspense, useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { ListPermissionsDocument, TriggerSyncDocument, type RepositoryRowFragment } from '../../gql/graphql';

// the row's dialogs (antd's Form among others) are chunks of their own, loaded when one opens: the list's first
// screen does not carry them
const EditDetailsDialog = lazy(() => import('./EditDetailsDialog').then((m) => ({ default: m.EditDetailsDialog })));
const DeleteRepositoryDialog = lazy(() =>
  import('./DeleteRepositoryDialog').then((m) => ({ default: m.DeleteRepositoryDialog })),
);

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
      <Suspense fallback={null}>
        {dialog === 'edit' && (
          <EditDetailsDialog namespace={repository.namespace} name={repository.name} onClose={() => setDialog(null)} />
        )}
        {dialog === 'delete' && (
          <DeleteRepositoryDialog repository={repository} onClose={() => setDialog(null)} onDeleted={() => setDialog(null)} />
        )}
      </Suspense>
    </>
  );
}
