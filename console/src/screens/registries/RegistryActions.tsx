import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorMessage } from '../../api/client';
import {
  DeleteRegistryDocument,
  ListContextDocument,
  RegistriesDocument,
  RegistryPermissionsDocument,
  RotateRegistryWebhookSecretDocument,
  type RegistryRowFragment,
  type RotateRegistryWebhookSecretMutation,
} from '../../gql/graphql';
import { ActionMenu } from '../../layout/ActionMenu';
import { focusFirst, screenHeading, useFocusReturn } from '../../layout/focus';
import { RegistryDrawer } from './RegistryDrawer';
import { repositoriesInUse } from './registryInput';

type Dialog = 'edit' | 'rotate' | 'delete';

/**
 * A source's 「⋯」 menu: 编辑, 轮换 Webhook 密钥 and 删除, shown only when the caller may manage registry sources in
 * the source's namespace (me.can(namespace, MANAGE_REGISTRIES), read once per namespace).
 */
export function RegistryActions({ registry }: { registry: RegistryRowFragment }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const open = useRef(dialog);
  open.current = dialog;
  // a closed dialog or drawer gives the keyboard back to the 「⋯」 button; when the source was deleted, its row
  // leaves with the button (and this component): the keyboard goes to the screen's heading
  useFocusReturn(dialog !== null, () => trigger.current, () => screenHeading());
  useEffect(() => () => void (open.current && focusFirst(screenHeading())), []);
  const { data } = useQuery(RegistryPermissionsDocument, { variables: { namespace: registry.namespace } });
  if (!data?.me.canManage) return null;
  return (
    <>
      <ActionMenu
        label={t('registries.more', { name: registry.name })}
        triggerRef={trigger}
        onSelect={(key) => setDialog(key as Dialog)}
        items={[
          { key: 'edit', label: t('registries.actions.edit') },
          { key: 'rotate', label: t('registries.actions.rotate') },
          { type: 'divider' },
          { key: 'delete', label: t('registries.actions.delete'), danger: true },
        ]}
      />
      {dialog === 'edit' && <RegistryDrawer registry={registry} onClose={() => setDialog(null)} />}
      {dialog === 'rotate' && <RotateWebhookDialog registry={registry} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && <DeleteRegistryDialog registry={registry} onClose={() => setDialog(null)} />}
    </>
  );
}

/** 删除: a confirmation; an IN_USE refusal says how many repositories still use the source and what to do. */
export function DeleteRegistryDialog({ registry, onClose }: { registry: RegistryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<{ title: string; hint?: string } | null>(null);
  const [remove, { loading }] = useMutation(DeleteRegistryDocument, {
    refetchQueries: [RegistriesDocument, ListContextDocument],
    awaitRefetchQueries: true,
  });
  const submit = async () => {
    setFailure(null);
    try {
      await remove({ variables: { namespace: registry.namespace, name: registry.name } });
      void message.success(t('registries.delete.done', { name: registry.name }));
      onClose();
    } catch (error) {
      if (errorCode(error) === 'IN_USE') {
        const count = repositoriesInUse(errorMessage(error), registry.repositoryCount);
        setFailure({ title: t('registries.delete.inUse', { name: registry.name, count }), hint: t('registries.delete.inUseHint') });
      } else {
        setFailure({ title: errorMessage(error) });
      }
    }
  };
  return (
    <Modal
      open
      title={t('registries.delete.title', { name: registry.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('registries.delete.ok')}
      okButtonProps={{ danger: true, loading }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('registries.delete.warning')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon role="alert" title={failure.title} description={failure.hint} />}
    </Modal>
  );
}

/**
 * 轮换 Webhook 密钥: first what rotating does (the old secret stops working), then the URL and the new secret,
 * shown this once with copy buttons; the dialog is removed from the page when closed, and the secret with it.
 */
export function RotateWebhookDialog({ registry, onClose }: { registry: RegistryRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [webhook, setWebhook] = useState<RotateRegistryWebhookSecretMutation['rotateRegistryWebhookSecret'] | null>(null);
  const [copied, setCopied] = useState<'url' | 'secret' | null>(null);
  const [rotate, { loading }] = useMutation(RotateRegistryWebhookSecretDocument);
  const submit = async () => {
    setFailure(null);
    try {
      const result = await rotate({ variables: { namespace: registry.namespace, name: registry.name } });
      if (result.data) setWebhook(result.data.rotateRegistryWebhookSecret);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  const copy = async (what: 'url' | 'secret') => {
    if (!webhook) return;
    await navigator.clipboard?.writeText(what === 'url' ? webhook.url : webhook.secret).catch(() => undefined);
    setCopied(what);
  };
  const title = t('registries.webhook.title', { name: registry.name });
  if (!webhook) {
    return (
      <Modal
        open
        title={title}
        onCancel={onClose}
        onOk={() => void submit()}
        okText={t('registries.webhook.ok')}
        okButtonProps={{ danger: true, loading }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('registries.webhook.warning')} style={{ marginBottom: 12 }} />
        {failure && <Alert type="error" showIcon role="alert" title={failure} />}
      </Modal>
    );
  }
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      width={680}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('registries.webhook.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('registries.webhook.onceWarning')} style={{ marginBottom: 12 }} />
      <Form layout="vertical">
        <Form.Item label={t('registries.webhook.url')} htmlFor="webhook-url" extra={t('registries.webhook.how')}>
          <Space.Compact style={{ width: '100%' }}>
            {/* the 轮换 button the keyboard was on is gone with the first step: the focus goes to the URL */}
            <Input id="webhook-url" readOnly value={webhook.url} autoFocus />
            <Button icon={<CopyOutlined />} onClick={() => void copy('url')}>
              {copied === 'url' ? t('registries.webhook.copied') : t('registries.webhook.copyUrl')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('registries.webhook.secret')} htmlFor="webhook-secret">
          <Space.Compact style={{ width: '100%' }}>
            <Input id="webhook-secret" readOnly value={webhook.secret} style={{ fontFamily: 'monospace' }} />
            <Button icon={<CopyOutlined />} onClick={() => void copy('secret')}>
              {copied === 'secret' ? t('registries.webhook.copied') : t('registries.webhook.copySecret')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
