import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth/AuthContext';
import { verifyToken } from '../../auth/verifyToken';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** Paste an API token; it is checked with the gateway (me) before it is kept for the browser session. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { token, signIn } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/repositories';
  if (token) {
    return <Navigate to={target} replace />;
  }
  const submit = async ({ token: value }: { token: string }) => {
    setChecking(true);
    setError(null);
    try {
      await verifyToken(value.trim());
      signIn(value.trim());
    } catch (refused) {
      setError(t('signIn.refused', { message: refused instanceof Error ? refused.message : String(refused) }));
    } finally {
      setChecking(false);
    }
  };
  return (
    <main className="signin">
      <div className="signin-language">
        <LanguageSwitch />
      </div>
      <Card className="signin-card">
        <Typography.Title level={1} className="signin-title">
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('signIn.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} role="alert" className="signin-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('signIn.token')}
            name="token"
            rules={[{ required: true, whitespace: true, message: t('signIn.tokenRequired') }]}
          >
            <Input.Password autoComplete="off" autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={checking}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
