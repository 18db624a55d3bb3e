import { describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { createCache } from '../../api/client';
import { RepositoriesDocument } from '../../gql/graphql';
import { applyRepositoryEvent } from './liveCache';
import { useRepositoryPages } from './useRepositoryPages';
import { repositoryRow } from './repositoryRow.testing';

const row = (name: string) => repositoryRow('default', name);

const answer = (after: string | undefined, names: string[], hasNextPage: boolean, totalCount = 3) => ({
  request: { query: RepositoriesDocument, variables: { namespace: 'default', first: 2, ...(after ? { after } : {}) } },
  result: {
    data: {
      repositories: {
        __typename: 'RepositoryConnection',
        liveCursor: 'read-1',
        totalCount,
        edges: names.map((name) => ({ __typename: 'RepositoryEdge', cursor: `c-${name}`, node: row(name) })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c-${names.at(-1)}` },
      },
    },
  },
});

describe('the list’s pages joined', () => {
  it('shows the first page, joins the next one after it when asked, and takes a live row into its page', async () => {
    const cache = createCache();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MockedProvider cache={cache} mocks={[answer(undefined, ['alpine', 'busybox'], true), answer('c-busybox', ['nginx', 'redis'], false, 4)]}>
        {children}
      </MockedProvider>
    );
    const { result, unmount } = renderHook(() => useRepositoryPages({ namespace: 'default' }, 2), { wrapper });
    await waitFor(() => expect(result.current.rows.map((r) => r.name)).toEqual(['alpine', 'busybox']));
    expect(result.current.total).toBe(3);
    expect(result.current.hasNextPage).toBe(true);

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.rows.map((r) => r.name)).toEqual(['alpine', 'busybox', 'nginx', 'redis']));
    expect(result.current.hasNextPage).toBe(false);
    // the count of the page read last (one more repository was added meanwhile)
    expect(result.current.total).toBe(4);

    act(() =>
      applyRepositoryEvent(
        cache,
        { __typename: 'RepositoryEvent', type: 'ADDED', namespace: 'default', name: 'consul', at: '2026-12-01T10:00:00Z', repository: row('consul') },
        { rowsWatch: true },
      ),
    );
    await waitFor(() => expect(result.current.rows.map((r) => r.name)).toEqual(['alpine', 'busybox', 'consul', 'nginx', 'redis']));
    expect(result.current.total).toBe(5);

    // back on the list (from a repository's page): the pages it had loaded show again, read from the cache
    unmount();
    const again = renderHook(() => useRepositoryPages({ namespace: 'default' }, 2), { wrapper });
    await waitFor(() => expect(again.result.current.rows.map((r) => r.name)).toEqual(['alpine', 'busybox', 'consul', 'nginx', 'redis']));
  });
});
