import { memo } from 'react';
import dayjs from 'dayjs';
import type { RepositoryRowFragment } from '../../gql/graphql';
import { SyncStatusTag } from './SyncStatusTag';
import { useLiveStatus } from './useLiveStatus';

type Row = Pick<RepositoryRowFragment, 'namespace' | 'name' | 'syncStatus' | 'lastSynced'>;

/** 同步状态 of a list row, drawn again by itself when a live status of its repository comes. */
export const RowSyncStatus = memo(function RowSyncStatus({ repository }: { repository: Row }) {
  return <SyncStatusTag status={useLiveStatus(repository).syncStatus} />;
});

/** 最后同步时间 of a list row, live as its status. */
export const RowLastSynced = memo(function RowLastSynced({ repository }: { repository: Row }) {
  const { lastSynced } = useLiveStatus(repository);
  return <>{lastSynced ? dayjs(lastSynced).format('YYYY-MM-DD HH:mm:ss') : '—'}</>;
});
