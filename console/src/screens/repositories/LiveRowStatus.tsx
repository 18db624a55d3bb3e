import { memo } from 'react';
import dayjs from 'dayjs';
import type { RepositoryRowFragment, SyncStatus } from '../../gql/graphql';
import { RowStatusTag } from './SyncStatusTag';
import { useLiveStatus } from './useLiveStatus';

type Row = Pick<RepositoryRowFragment, 'namespace' | 'name' | 'syncStatus' | 'lastSynced'>;

/**
 * 同步状态 of a list row, drawn again by itself when a live status of its repository comes. `labels`: the four
 * states' words, given by the list (one object while the language stays), so a row holds no translation hook.
 */
export const RowSyncStatus = memo(function RowSyncStatus({
  repository,
  labels,
}: {
  repository: Row;
  labels: Record<SyncStatus, string>;
}) {
  const status = useLiveStatus(repository).syncStatus;
  return <RowStatusTag status={status} label={labels[status]} />;
});

/** 最后同步时间 of a list row, live as its status. */
export const RowLastSynced = memo(function RowLastSynced({ repository }: { repository: Row }) {
  const { lastSynced } = useLiveStatus(repository);
  return <>{lastSynced ? dayjs(lastSynced).format('YYYY-MM-DD HH:mm:ss') : '—'}</>;
});
