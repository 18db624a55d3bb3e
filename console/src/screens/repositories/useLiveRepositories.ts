import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { RepositoryChangedDocument, SyncStatusChangedDocument } from '../../gql/graphql';
import { applyRepositoryEvent, applySyncStatusEvent } from './liveCache';

/**
 * Keeps the cached repositories current from the gateway's subscriptions (no polling, no refetch): status
 * transitions, and repositories added, edited, synced or deleted by anyone, in one namespace or in all (or one
 * repository, with name). Every event is handled as it comes (the client's observables, not a hook's state,
 * which may fold events that arrive close together). For a list (no name) the rows watch their own statuses
 * (liveCache's rowsWatch, useLiveStatus): an event draws its row again, not the whole list; one repository's page
 * is told through the cache.
 */
export function useLiveRepositories(
  namespace: string | null,
  name?: string,
  onStatus?: (status: string) => void,
  onRepositoryEvent?: () => void,
) {
  const client = useApolloClient();
  useEffect(() => {
    const options = { rowsWatch: !name };
    const fetchPolicy = name ? ('cache-first' as const) : ('no-cache' as const);
    const statuses = client
      .subscribe({ query: SyncStatusChangedDocument, variables: { namespace, name }, fetchPolicy })
      .subscribe({
        next: ({ data }) => {
          if (data) {
            applySyncStatusEvent(client.cache, data.syncStatusChanged, options);
            onStatus?.(data.syncStatusChanged.syncStatus);
          }
        },
      });
    const changes = name
      ? null
      : client.subscribe({ query: RepositoryChangedDocument, variables: { namespace }, fetchPolicy }).subscribe({
          next: ({ data }) => {
            if (data) {
              applyRepositoryEvent(client.cache, data.repositoryChanged, options);
              onRepositoryEvent?.();
            }
          },
        });
    return () => {
      statuses.unsubscribe();
      changes?.unsubscribe();
    };
    // onStatus and onRepositoryEvent are callbacks of the caller's render; the subscriptions follow namespace and name only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, namespace, name]);
}
