import { useEffect, useState } from 'react';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { DeleteRepositoriesDocument, type RepositoryFilterInput, type RepositoryRefInput } from '../../gql/graphql';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

/**
 * 删除选中: the user types how many are to go (the gateway checks the same count, confirmCount). The selection is
 * either refs, or with filter every repository matching it (select all matching), count being how many the list
 * said match; when that has changed meanwhile, the gateway's CONFIRMATION_MISMATCH message is shown.
 */
export function DeleteSelectedDialog({
  open,
  refs,
  filter,
  count,
  onClose,
}: {
  open: boolean;
  refs: RepositoryRefInput[];
  filter?: RepositoryFilterInput | null;
  count: number;
  onClose: (deleted: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [typed, setTyped] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [remove, { loading }] = useMutation(DeleteRepositoriesDocument);
  useEffect(() => {
    if (open) {
      setTyped('');
      setFailure(null);
    }
  }, [open]);
  const confirmed = typed.trim() === String(count);
  const submit = async () => {
    try {
      const { data } = await remove({
        variables: filter ? { filter, confirmCount: Number(typed.trim()) } : { refs, confirmCount: Number(typed.trim()) },
      });
      const result = data?.deleteRepositories;
      if (result && result.failed > 0) {
        const first = result.items.find((i) => !i.ok);
        setFailure(`${t('deleteMany.partly', { failed: result.failed })}: ${first?.error?.message ?? ''}`);
        return;
      }
      void message.success(t('deleteMany.done', { count: result?.succeeded ?? count }));
      onClose(true);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <Modal
      title={t('deleteMany.title')}
      open={open}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !confirmed, loading }}
      destroyOnHidden
    >
      <Typography.Paragraph type="warning">{t('deleteMany.warning')}</Typography.Paragraph>
      <Typography.Paragraph>
        <label htmlFor="delete-count">{t('deleteMany.prompt', { count })}</label>
      </Typography.Paragraph>
      <Input
        id="delete-count"
        aria-label={t('deleteMany.count')}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        inputMode="numeric"
        autoComplete="off"
        onPressEnter={() => confirmed && void submit()}
      />
      {failure && <Alert type="error" showIcon message={failure} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
