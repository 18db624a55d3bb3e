import { useSubscription } from '@apollo/client/react';
import { RepositoryChangedDocument, SyncStatusChangedDocument } from '../../gql/graphql';
import { applyRepositoryEvent, applySyncStatusEvent } from './liveCache';

/**
 * Keeps the cached repositories current from the gateway's subscriptions (no polling, no refetch): status
 * transitions, and repositories added, edited, synced or deleted by anyone, in one namespace or in all.
 */
export function useLiveRepositories(namespace: string | null) {
  const variables = { namespace };
  useSubscription(SyncStatusChangedDocument, {
    variables,
    onData: ({ client, data }) => {
      if (data.data) {
        applySyncStatusEvent(client.cache, data.data.syncStatusChanged);
      }
    },
  });
  useSubscription(RepositoryChangedDocument, {
    variables,
    onData: ({ client, data }) => {
      if (data.data) {
        applyRepositoryEvent(client.cache, data.data.repositoryChanged);
      }
    },
  });
}
