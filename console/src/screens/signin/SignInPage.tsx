import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../auth/AuthContext';
import { consoleSettings, type OidcSettings } from '../../auth/oidc/config';
import { beginSignIn } from '../../auth/oidc/flow';
import { verifyToken } from '../../auth/verifyToken';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

/**
 * Paste an API token; it is checked with the gateway (me) before it is kept for the browser session. Where the
 * gateway names an OIDC provider (/console/config.json), 「使用 OIDC 登录」 beside it: authorization code with PKCE.
 */
export default function SignInPage() {
  const { t } = useTranslation();
  const { token, signIn } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [oidc, setOidc] = useState<OidcSettings | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  useEffect(() => {
    let current = true;
    void consoleSettings().then((settings) => current && setOidc(settings.oidc ?? null));
    return () => {
      current = false;
    };
  }, []);
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
  const signInWithProvider = async () => {
    if (!oidc) return;
    setRedirecting(true);
    setError(null);
    try {
      window.location.assign(await beginSignIn(oidc, target));
    } catch (unreachable) {
      setError(t('oidc.unavailable', { message: unreachable instanceof Error ? unreachable.message : String(unreachable) }));
      setRedirecting(false);
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
        {oidc && (
          <>
            <Divider plain>{t('oidc.or')}</Divider>
            <Button block icon={<LoginOutlined />} loading={redirecting} onClick={() => void signInWithProvider()}>
              {oidc.displayName ? t('oidc.signInWith', { name: oidc.displayName }) : t('oidc.signIn')}
            </Button>
          </>
        )}
      </Card>
    </main>
  );
}
