import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { syncAdvice } from './syncAdvice';

interface Props {
  code: string;
  message: string;
  httpStatus?: number | null;
  /** the repository's registry source: where the fix is when it is the source's settings */
  registry: { namespace: string; name: string };
  /** opens 同步设置, where the fix is the repository's timeout or interval; absent for who may not edit */
  onOpenPolicy?: () => void;
}

/**
 * A failed sync: its code, message and HTTP status, and what to do about that code (syncAdvice: the product
 * document's FAQ Q1 made specific to the code; its general checks and causes for a code the console does not
 * know), with a link to 镜像源 when the fix is the source's settings and to 同步设置 when it is the sync policy.
 */
export function SyncFailure({ code, message, httpStatus, registry, onOpenPolicy }: Props) {
  const { t } = useTranslation();
  const advice = syncAdvice(code);
  const source = `${registry.namespace}/${registry.name}`;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('troubleshooting.title', { code })}
      description={
        <section aria-label={t('troubleshooting.title', { code })}>
          <Typography.Paragraph>
            {message}
            {httpStatus ? ` (${t('syncAdvice.httpStatus', { status: httpStatus })})` : null}
          </Typography.Paragraph>
          <Typography.Text strong>{advice.code ? t('syncAdvice.cause') : t('troubleshooting.causes')}</Typography.Text>
          {advice.code ? (
            <Typography.Paragraph>{t(advice.causes[0])}</Typography.Paragraph>
          ) : (
            <ul>
              {advice.causes.map((key) => (
                <li key={key}>{t(key)}</li>
              ))}
            </ul>
          )}
          <Typography.Text strong>{advice.code ? t('syncAdvice.steps') : t('troubleshooting.steps')}</Typography.Text>
          <ol>
            {advice.steps.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ol>
          {(advice.atSource || (advice.atPolicy && onOpenPolicy)) && (
            <Space wrap>
              {advice.atSource && (
                <Link to={`/registries?namespace=${encodeURIComponent(registry.namespace)}`}>
                  {t('syncAdvice.toSource', { source })}
                </Link>
              )}
              {advice.atPolicy && onOpenPolicy && (
                <Button size="small" onClick={onOpenPolicy}>
                  {t('syncAdvice.toPolicy')}
                </Button>
              )}
            </Space>
          )}
        </section>
      }
    />
  );
}
