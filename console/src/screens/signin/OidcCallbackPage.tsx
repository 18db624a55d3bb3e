import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/AuthContext';
import { completeSignIn, OidcSignInError } from '../../auth/oidc/flow';
import { verifyToken } from '../../auth/verifyToken';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

/**
 * /signin/callback, where the OIDC provider sends the browser back: the code is redeemed (with the PKCE verifier),
 * the token checked with the gateway (me), kept for the browser session, and the user goes where they were headed.
 */
export default function OidcCallbackPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    // the pending request is used once: React's development double effect must not redeem it twice
    if (started.current) return;
    started.current = true;
    const query = new URLSearchParams(window.location.search);
    void (async () => {
      try {
        const completed = await completeSignIn(query);
        try {
          await verifyToken(completed.token);
        } catch (refused) {
          throw new OidcSignInError('gateway', refused instanceof Error ? refused.message : String(refused));
        }
        completed.keep();
        signIn(completed.token);
        const next = completed.next.startsWith('/') && !completed.next.startsWith('//') ? completed.next : '/';
        void navigate(next, { replace: true });
      } catch (failed) {
        if (failed instanceof OidcSignInError) {
          setFailure(t(`oidc.errors.${failed.reason}`, { detail: failed.detail }));
        } else {
          setFailure(failed instanceof Error ? failed.message : String(failed));
        }
      }
    })();
  }, [navigate, signIn, t]);
  return (
    <main className="signin">
      <Card className="signin-card">
        <Typography.Title level={1} className="signin-title">
          {t('app.title')}
        </Typography.Title>
        {failure ? (
          <>
            <Alert type="error" showIcon role="alert" message={t('oidc.failed')} description={failure} />
            <Button type="primary" block className="signin-back" onClick={() => void navigate('/signin')}>
              {t('oidc.back')}
            </Button>
          </>
        ) : (
          <Spin tip={t('oidc.completing')}>
            <div className="signin-completing" />
          </Spin>
        )}
      </Card>
    </main>
  );
}
