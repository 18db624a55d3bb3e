import { Button, Card, Steps, Typography } from 'antd';
import { CloseOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SyncRunRowFragment } from '../../gql/graphql';
import { when } from './RepositoryTabs';

const STATUS_TEXT: Record<string, string> = {
  REQUESTED: 'liveRun.requested',
  RUNNING: 'liveRun.running',
  SUCCESS: 'liveRun.success',
  FAILED: 'liveRun.failed',
};

/**
 * A sync run as it goes, step by step (the document's 同步过程: requested, 同步中, then 成功 or 失败), from
 * 立即同步's answer and the repository's status events: a status line that screen readers hear (role=status) and
 * the steps with their times, attempts, whether the digest moved, and the error of a failed run.
 */
export function SyncRunProgress({ run, onClose }: { run: SyncRunRowFragment; onClose: () => void }) {
  const { t } = useTranslation();
  const step = run.status === 'REQUESTED' ? 0 : run.status === 'RUNNING' ? 1 : 2;
  const ended = step === 2;
  const outcome = [
    run.finishedAt && when(run.finishedAt),
    ended && t('liveRun.attempts', { count: run.attempts }),
    run.status === 'SUCCESS' && run.changed != null && t(run.changed ? 'liveRun.changed' : 'liveRun.unchanged'),
    run.error && `${run.error.code}: ${run.error.message}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <span id="live-run-title">
          {t('liveRun.title')}{' '}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('liveRun.trigger', { trigger: t(`detail.trigger.${run.trigger}`) })}
          </Typography.Text>
        </span>
      }
      extra={
        ended ? (
          <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('liveRun.close')} onClick={onClose} />
        ) : undefined
      }
    >
      <p role="status" aria-labelledby="live-run-title" style={{ marginTop: 0 }}>
        <Typography.Text strong type={run.status === 'FAILED' ? 'danger' : undefined}>
          {t(STATUS_TEXT[run.status] ?? 'liveRun.requested')}
        </Typography.Text>
        {run.error ? ` · ${run.error.code}` : null}
      </p>
      <Steps
        size="small"
        current={step}
        status={run.status === 'FAILED' ? 'error' : ended ? 'finish' : 'process'}
        items={[
          { title: t('liveRun.requested'), content: when(run.requestedAt) },
          {
            title: t('liveRun.running'),
            content: run.startedAt ? when(run.startedAt) : undefined,
            icon: run.status === 'RUNNING' ? <LoadingOutlined /> : undefined,
          },
          {
            title: run.status === 'FAILED' ? t('liveRun.failed') : run.status === 'SUCCESS' ? t('liveRun.success') : t('liveRun.finished'),
            content: outcome || undefined,
          },
        ]}
      />
    </Card>
  );
}
