import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A failed sync: its code and message, and the product document's advice (FAQ Q1: 镜像同步失败怎么办？). */
export function SyncFailure({ code, message }: { code: string; message: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('troubleshooting.title', { code })}
      description={
        <>
          <Typography.Paragraph>{message}</Typography.Paragraph>
          <Typography.Text strong>{t('troubleshooting.steps')}</Typography.Text>
          <ol>
            {[1, 2, 3, 4].map((n) => (
              <li key={n}>{t(`troubleshooting.step${n}`)}</li>
            ))}
          </ol>
          <Typography.Text strong>{t('troubleshooting.causes')}</Typography.Text>
          <ul>
            {[1, 2, 3, 4].map((n) => (
              <li key={n}>{t(`troubleshooting.cause${n}`)}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}
