import { useCallback, useSyncExternalStore } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { SyncStatus } from '../../gql/graphql';
import { liveStatusOf, watchLiveStatus } from './liveCache';

interface Shown {
  namespace: string;
  name: string;
  syncStatus: SyncStatus;
  lastSynced?: string | null;
}

/**
 * A row's status and sync time as the subscriptions last told them (liveCache's live statuses), else as the row
 * was read: the row alone is drawn again when its status changes, not the list it is in.
 */
export function useLiveStatus(repository: Shown): { syncStatus: SyncStatus; lastSynced: string | null } {
  const { cache } = useApolloClient();
  const { namespace, name } = repository;
  const watch = useCallback((told: () => void) => watchLiveStatus(cache, namespace, name, told), [cache, namespace, name]);
  const live = useSyncExternalStore(watch, () => liveStatusOf(cache, namespace, name));
  return {
    syncStatus: live?.syncStatus ?? repository.syncStatus,
    lastSynced: live && live.lastSynced !== undefined ? live.lastSynced : (repository.lastSynced ?? null),
  };
}
