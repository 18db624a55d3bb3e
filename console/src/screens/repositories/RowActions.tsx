import { lazy, memo, Suspense, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { ListPermissionsDocument, TriggerSyncDocument, type RepositoryRowFragment } from '../../gql/graphql';
import { ActionMenu } from '../../layout/ActionMenu';
import { focusFirst, screenHeading, useFocusReturn } from '../../layout/focus';

// the row's dialogs (antd's Form among others) are chunks of their own, loaded when one opens: the list's first
// screen does not carry them
const EditDetailsDialog = lazy(() => import('./EditDetailsDialog').then((m) => ({ default: m.EditDetailsDialog })));
const DeleteRepositoryDialog = lazy(() =>
  import('./DeleteRepositoryDialog').then((m) => ({ default: m.DeleteRepositoryDialog })),
);

/**
 * The 「⋯」 button of a list row. A row scrolled into view mounts only a plain button (the list mounts ~18 rows a
 * frame while it scrolls): the menu (antd Dropdown), its permissions query, the sync mutation and the dialogs
 * mount when the button is first pressed (click, Enter or Space), and the menu opens at once with its first item
 * focused, as the menu button itself does. Hovering or focusing the button reads the namespace's permissions
 * ahead (cache-first: once per namespace), so the menu opens with its items. `more` is the label's word
 * (「更多操作」), given by the list so that a row holds no translation hook of its own.
 */
export const RowActions = memo(function RowActions({
  repository,
  more,
}: {
  repository: RepositoryRowFragment;
  more: string;
}) {
  const client = useApolloClient();
  const [active, setActive] = useState(false);
  const label = `${more} ${repository.name}`;
  if (active) return <RowActionMenu repository={repository} label={label} />;
  const readPermissions = () =>
    void client
      .query({ query: ListPermissionsDocument, variables: { namespace: repository.namespace } })
      .catch(() => undefined);
  return (
    <button
      type="button"
      className="row-more"
      aria-label={label}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={readPermissions}
      onFocus={readPermissions}
      onClick={() => setActive(true)}
    >
      ⋯
    </button>
  );
});

/**
 * The 「⋯」 menu of a row, once its button was pressed: details, and what the caller may do in the row's namespace
 * (me.can, read once per namespace): sync now and 编辑信息 with EDIT, 删除 with DELETE.
 */
function RowActionMenu({ repository, label }: { repository: RepositoryRowFragment; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [sync] = useMutation(TriggerSyncDocument);
  const { data: permissions } = useQuery(ListPermissionsDocument, { variables: { namespace: repository.namespace } });
  const canEdit = permissions?.me.canEdit ?? false;
  const canDelete = permissions?.me.canDelete ?? false;
  const ref = { namespace: repository.namespace, name: repository.name };
  const trigger = useRef<HTMLButtonElement>(null);
  // where the keyboard goes when the row leaves with its button (deleted): the list's scroll box, or the heading
  const list = useRef<HTMLElement | null>(null);
  const deleted = useRef(false);
  const open = useRef(dialog);
  open.current = dialog;
  // a closed dialog gives the keyboard back to the 「⋯」 button
  useFocusReturn(dialog !== null, () => (deleted.current ? null : trigger.current), () => list.current, () => screenHeading());
  // the row may leave (its live DELETED event) before the dialog closes: the keyboard goes to the list then too
  useEffect(() => () => void (open.current && focusFirst(list.current, screenHeading())), []);
  const onSelect = (key: string) => {
    if (key === 'detail') {
      void navigate(`/repositories/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.name)}`);
    } else if (key === 'sync') {
      sync({ variables: ref }).catch((error: unknown) => void message.error(errorMessage(error)));
    } else {
      list.current = trigger.current?.closest<HTMLElement>('[role="table"][tabindex]') ?? null;
      deleted.current = false;
      setDialog(key as 'edit' | 'delete');
    }
  };
  const onDeleted = () => {
    deleted.current = true;
    setDialog(null);
  };
  return (
    <>
      <ActionMenu
        label={label}
        defaultOpen
        triggerRef={trigger}
        onSelect={onSelect}
        items={[
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
        ]}
      />
      <Suspense fallback={null}>
        {dialog === 'edit' && (
          <EditDetailsDialog namespace={repository.namespace} name={repository.name} onClose={() => setDialog(null)} />
        )}
        {dialog === 'delete' && (
          <DeleteRepositoryDialog repository={repository} onClose={() => setDialog(null)} onDeleted={onDeleted} />
        )}
      </Suspense>
    </>
  );
}
