import { useEffect, useRef } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { RepositoryRunChangedDocument, type RepositoryRunChangedSubscription, type SyncRunRowFragment } from '../../gql/graphql';
import { applySyncStatusEvent } from './liveCache';

export type RunEvent = RepositoryRunChangedSubscription['syncStatusChanged'];

/** How far a run has come: REQUESTED, then RUNNING, then SUCCESS or FAILED. */
const RANK: Record<string, number> = { REQUESTED: 0, RUNNING: 1, SUCCESS: 2, FAILED: 2 };

/**
 * The run the page shows after what it was told, from 立即同步's answer and the status events, which arrive in no
 * order with each other (a quick sync's events can come before the mutation's answer): of two tellings of the
 * same run, the one further on wins (and keeps what the other knew); of two runs, the one requested later.
 */
export function mergeRun(current: SyncRunRowFragment | null, incoming: SyncRunRowFragment | null | undefined) {
  if (!incoming) return current;
  if (!current) return incoming;
  if (current.id !== incoming.id) {
    return Date.parse(incoming.requestedAt) >= Date.parse(current.requestedAt) ? incoming : current;
  }
  const [behind, ahead] = (RANK[incoming.status] ?? 0) >= (RANK[current.status] ?? 0) ? [current, incoming] : [incoming, current];
  return {
    ...ahead,
    startedAt: ahead.startedAt ?? behind.startedAt,
    requestedBy: ahead.requestedBy ?? behind.requestedBy,
  };
}

/**
 * The repository's status events (one subscription, for this repository): each goes into the cache as the list's
 * do (liveCache), and to onEvent with its run, for the page's live run.
 */
export function useLiveRun(namespace: string, name: string, onEvent: (event: RunEvent) => void) {
  const client = useApolloClient();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    const subscription = client
      .subscribe({ query: RepositoryRunChangedDocument, variables: { namespace, name } })
      .subscribe({
        next: ({ data }) => {
          if (data) {
            applySyncStatusEvent(client.cache, data.syncStatusChanged);
            handler.current(data.syncStatusChanged);
          }
        },
      });
    return () => subscription.unsubscribe();
  }, [client, namespace, name]);
}
