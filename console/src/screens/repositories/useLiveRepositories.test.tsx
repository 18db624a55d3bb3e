import { describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { createCache } from '../../api/client';
import { RepositoryChangedDocument, SyncStatusChangedDocument } from '../../gql/graphql';
import { useLiveRepositories, type ListRead } from './useLiveRepositories';

interface Subscribed {
  query: unknown;
  variables: Record<string, unknown>;
  next: (result: { data?: unknown; error?: unknown }) => void;
  open: boolean;
}

/** A client whose subscriptions are recorded: what was asked, with which variables, and whether it is still open. */
function recordingClient() {
  const subscribed: Subscribed[] = [];
  const client = {
    cache: createCache(),
    subscribe: vi.fn(({ query, variables }: { query: unknown; variables: Record<string, unknown> }) => ({
      subscribe: ({ next }: { next: Subscribed['next'] }) => {
        const entry: Subscribed = { query, variables, next, open: true };
        subscribed.push(entry);
        return { unsubscribe: () => (entry.open = false) };
      },
    })),
  };
  return { client: client as unknown as ApolloClient, subscribed };
}

describe('the list’s live updates follow its read', () => {
  it('subscribe once the first page is read, from that read, and keep it while the namespace stays', () => {
    const { client, subscribed } = recordingClient();
    const wrapper = ({ children }: { children: ReactNode }) => <ApolloProvider client={client}>{children}</ApolloProvider>;
    const onLost = vi.fn();
    const { rerender } = renderHook(
      ({ namespace, after }: { namespace: string | null; after: string | undefined }) =>
        useLiveRepositories(namespace, undefined, undefined, undefined, { after, onLost } satisfies ListRead),
      { wrapper, initialProps: { namespace: 'default', after: undefined as string | undefined } },
    );
    expect(subscribed).toHaveLength(0);

    rerender({ namespace: 'default', after: 'read-1' });
    expect(subscribed.map((s) => [s.query, s.variables])).toEqual([
      [SyncStatusChangedDocument, { namespace: 'default', name: undefined, after: 'read-1' }],
      [RepositoryChangedDocument, { namespace: 'default', after: 'read-1' }],
    ]);

    // a new search or order reads the first page again: the subscriptions go on from the first read
    rerender({ namespace: 'default', after: 'read-2' });
    expect(subscribed).toHaveLength(2);
    expect(subscribed.every((s) => s.open)).toBe(true);

    // another namespace: its own read, once it is in (until then the list has no first page: no cursor)
    rerender({ namespace: 'team-a', after: undefined });
    expect(subscribed.slice(0, 2).every((s) => !s.open)).toBe(true);
    rerender({ namespace: 'team-a', after: 'read-3' });
    expect(subscribed.slice(2).map((s) => s.variables.after)).toEqual(['read-3', 'read-3']);
    expect(onLost).not.toHaveBeenCalled();
  });

  it('read the list again when the subscriptions end, and follow the new read', () => {
    const { client, subscribed } = recordingClient();
    const wrapper = ({ children }: { children: ReactNode }) => <ApolloProvider client={client}>{children}</ApolloProvider>;
    const onLost = vi.fn();
    const { rerender } = renderHook(
      ({ after }: { after: string | undefined }) =>
        useLiveRepositories('default', undefined, undefined, undefined, { after, onLost }),
      { wrapper, initialProps: { after: 'read-1' as string | undefined } },
    );
    expect(subscribed).toHaveLength(2);

    subscribed[0].next({ error: new Error('SUBSCRIBER_TOO_SLOW') });
    expect(onLost).toHaveBeenCalledTimes(1);
    // the answer of the read before is no start: only the new read's cursor is followed
    rerender({ after: 'read-1' });
    expect(subscribed.filter((s) => s.open)).toHaveLength(0);
    rerender({ after: 'read-2' });
    expect(subscribed.filter((s) => s.open).map((s) => s.variables.after)).toEqual(['read-2', 'read-2']);
  });

  it('a read that cannot be followed again is read again later each time, until an event comes', () => {
    vi.useFakeTimers();
    try {
      const { client, subscribed } = recordingClient();
      const wrapper = ({ children }: { children: ReactNode }) => <ApolloProvider client={client}>{children}</ApolloProvider>;
      const onLost = vi.fn();
      const { rerender } = renderHook(
        ({ after }: { after: string | undefined }) =>
          useLiveRepositories('default', undefined, undefined, undefined, { after, onLost }),
        { wrapper, initialProps: { after: 'read-1' as string | undefined } },
      );
      const lose = () => subscribed.filter((s) => s.open)[0].next({ error: new Error('SUBSCRIBER_TOO_SLOW') });
      lose();
      expect(onLost).toHaveBeenCalledTimes(1); // the first loss: at once
      rerender({ after: 'read-2' });
      lose();
      vi.advanceTimersByTime(999);
      expect(onLost).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(onLost).toHaveBeenCalledTimes(2); // the second: after a second
      rerender({ after: 'read-3' });
      lose();
      vi.advanceTimersByTime(1999);
      expect(onLost).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1);
      expect(onLost).toHaveBeenCalledTimes(3); // the third: after two

      // an event between: the next loss reads again at once
      rerender({ after: 'read-4' });
      subscribed.filter((s) => s.open)[0].next({
        data: { syncStatusChanged: { namespace: 'default', name: 'nginx', syncStatus: 'SYNCING', previousStatus: 'SUCCESS', at: '2026-12-03T00:00:00Z', syncRun: null } },
      });
      lose();
      expect(onLost).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('one repository’s page subscribes at once, without a read to follow', () => {
    const { client, subscribed } = recordingClient();
    const wrapper = ({ children }: { children: ReactNode }) => <ApolloProvider client={client}>{children}</ApolloProvider>;
    renderHook(() => useLiveRepositories('default', 'nginx'), { wrapper });
    expect(subscribed.map((s) => s.variables)).toEqual([{ namespace: 'default', name: 'nginx' }]);
  });
});
