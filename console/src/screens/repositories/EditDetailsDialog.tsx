import { useState } from 'react';
import { App, Form, Input, Modal, Spin } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { EditFailure, type EditFailureState } from './EditFailure';
import { errorCode, errorMessage } from '../../api/client';
import { EditRepositoryDetailsDocument, RepositoryEditDetailsDocument } from '../../gql/graphql';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

interface Values {
  displayName: string;
  description: string;
}

/**
 * 「编辑信息」's reading and saving, one for the list's row menu and the repository page: what the form edits
 * (显示名称, 描述 and the version they were read at; from the cache when the page has them, else from the
 * gateway, since a list row has no description), the save with expectedVersion, and after a CONFLICT (someone else
 * changed the repository since) the explanation and a reload of the new version.
 */
export function useEditDetails(namespace: string, name: string) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<EditFailureState | null>(null);
  const { data, loading, refetch } = useQuery(RepositoryEditDetailsDocument, { variables: { namespace, name } });
  const [edit, { loading: saving }] = useMutation(EditRepositoryDetailsDocument);
  const repository = data?.repository ?? null;
  /** Saves; true when saved. */
  const save = async (values: Partial<Values>) => {
    if (!repository) return false;
    try {
      await edit({
        variables: {
          input: {
            namespace,
            name,
            displayName: values.displayName ?? '',
            description: values.description ?? '',
            expectedVersion: repository.version,
          },
        },
      });
      setFailure(null);
      return true;
    } catch (error) {
      const conflict = errorCode(error) === 'CONFLICT';
      setFailure({ conflict, text: conflict ? t('repoPage.conflict') : errorMessage(error) });
      return false;
    }
  };
  /** Reads the repository again (after a CONFLICT); the values to show in the form. */
  const reload = async (): Promise<Values | null> => {
    const fresh = (await refetch()).data?.repository;
    setFailure(null);
    return fresh ? { displayName: fresh.displayName ?? '', description: fresh.description ?? '' } : null;
  };
  return { repository, loading, saving, failure, save, reload };
}

/**
 * 「编辑信息」: 显示名称 and 描述 of a repository, sent with expectedVersion; a CONFLICT says so and offers
 * 「重新加载」, after which the form shows the new values and the next save edits the new version.
 */
export function EditDetailsDialog({ namespace, name, onClose }: { namespace: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { repository, saving, failure, save, reload } = useEditDetails(namespace, name);
  const submit = async (values: Values) => {
    if (await save(values)) {
      void message.success(t('edit.done'));
      onClose();
    }
  };
  return (
    <Modal
      open
      title={`${t('repoPage.edit')}: ${name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, disabled: !repository || failure?.conflict }}
    >
      {failure && (
        <EditFailure
          failure={failure}
          onReload={() =>
            void reload().then((values) => {
              if (values) form.setFieldsValue(values);
            })
          }
        />
      )}
      {repository ? (
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
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
