import { Tag } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../gql/graphql';

// The product document's four states: 已同步 🟢, 同步中 🔄, 同步失败 🔴, 未同步 ⚪.
// Solid colours with white text: antd's pale status tags fall short of WCAG AA contrast.
const LOOK: Record<SyncStatus, { color: string; icon: React.ReactNode }> = {
  SUCCESS: { color: '#237804', icon: <CheckCircleFilled /> },
  SYNCING: { color: '#0958d9', icon: <SyncOutlined spin /> },
  FAILED: { color: '#cf1322', icon: <CloseCircleFilled /> },
  PENDING: { color: 'default', icon: <MinusCircleOutlined /> },
};

export function SyncStatusTag({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Tag color={look.color} icon={look.icon} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/**
 * The same tag for a list row: a plain element styled as antd's Tag (`.status-tag` in styles.css), without the
 * Tag component's style and context hooks, and its words given by the list (`label`): the list mounts ~18 rows a
 * frame while it scrolls.
 */
export function RowStatusTag({ status, label }: { status: SyncStatus; label: string }) {
  const look = LOOK[status];
  return (
    <span
      className="status-tag"
      data-status={status}
      style={look.color === 'default' ? undefined : { backgroundColor: look.color, borderColor: look.color, color: '#fff' }}
    >
      {look.icon}
      <span>{label}</span>
    </span>
  );
}
