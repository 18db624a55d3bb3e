import { useEffect, useRef } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { RepositoryChangedDocument, SyncStatusChangedDocument } from '../../gql/graphql';
import { applyRepositoryEvent, applySyncStatusEvent } from './liveCache';

/**
 * What a list follows: the read of the first page it shows now (`after`, that read's liveCursor; undefined until
 * it is in, e.g. right after the namespace changed), and what to do when the subscriptions end (`onLost`: read the
 * list again; the new read's cursor is followed then).
 */
export interface ListRead {
  after: string | undefined;
  onLost: () => void;
}

/**
 * Keeps the cached repositories current from the gateway's subscriptions (no polling, no refetch): status
 * transitions, and repositories added, edited, synced or deleted by anyone, in one namespace or in all (or one
 * repository, with name). Every event is handled as it comes (the client's observables, not a hook's state,
 * which may fold events that arrive close together). For a list (no name) the rows watch their own statuses
 * (liveCache's rowsWatch, useLiveStatus): an event draws its row again, not the whole list; one repository's page
 * is told through the cache.
 *
 * A list subscribes once its first page is read, from that read (`list.after`): the gateway sends first what came
 * between the read and the subscription, so no row misses a change made meanwhile. The cursor of the namespace's
 * first read is kept while the namespace stays (a new search or order reads again, the subscriptions go on); when
 * they end (an error, e.g. SUBSCRIBER_TOO_SLOW when the read is too old to catch up from), the list is read again
 * and its new read followed (again and again only with a growing wait, up to 30 s).
 */
export function useLiveRepositories(
  namespace: string | null,
  name?: string,
  onStatus?: (status: string) => void,
  onRepositoryEvent?: () => void,
  list?: ListRead,
) {
  const client = useApolloClient();
  // the read the list follows, per namespace; a cursor whose subscriptions ended is not followed again
  const followed = useRef<{ namespace: string | null; after: string } | null>(null);
  const lost = useRef<string | null>(null);
  if (list?.after && list.after !== lost.current && followed.current?.namespace !== namespace) {
    followed.current = { namespace, after: list.after };
  }
  const after = !list ? null : followed.current?.namespace === namespace ? followed.current.after : undefined;
  const onLost = useRef(list?.onLost);
  onLost.current = list?.onLost;
  // losses in a row without an event between: the first reads the list again at once, each next one waits twice as
  // long (1 s up to 30 s), so a read that cannot be followed (e.g. while the catalogue is rebuilt) is not asked for
  // again and again
  const losses = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(retry.current), []);
  useEffect(() => {
    if (after === undefined) return; // the list's first read is not in yet
    let ended = false;
    const end = () => {
      if (ended || after === null) return;
      ended = true;
      lost.current = after;
      followed.current = null;
      losses.current += 1;
      if (losses.current === 1) onLost.current?.();
      else retry.current = setTimeout(() => onLost.current?.(), Math.min(30_000, 1000 * 2 ** (losses.current - 2)));
    };
    const options = { rowsWatch: !name };
    const fetchPolicy = name ? ('cache-first' as const) : ('no-cache' as const);
    const variables = { namespace, name, ...(after ? { after } : {}) };
    const statuses = client.subscribe({ query: SyncStatusChangedDocument, variables, fetchPolicy }).subscribe({
      next: ({ data, error }) => {
        if (data) {
          losses.current = 0;
          applySyncStatusEvent(client.cache, data.syncStatusChanged, options);
          onStatus?.(data.syncStatusChanged.syncStatus);
        }
        if (error) end();
      },
      error: end,
    });
    const changes = name
      ? null
      : client
          .subscribe({ query: RepositoryChangedDocument, variables: { namespace, ...(after ? { after } : {}) }, fetchPolicy })
          .subscribe({
            next: ({ data, error }) => {
              if (data) {
                losses.current = 0;
                applyRepositoryEvent(client.cache, data.repositoryChanged, options);
                onRepositoryEvent?.();
              }
              if (error) end();
            },
            error: end,
          });
    return () => {
      ended = true;
      statuses.unsubscribe();
      changes?.unsubscribe();
    };
    // onStatus and onRepositoryEvent are callbacks of the caller's render; the subscriptions follow namespace, name
    // and the read they start from only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, namespace, name, after]);
}
