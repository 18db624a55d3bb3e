import { describe, expect, it } from 'vitest';
import { createCache } from '../../api/client';
import { RepositoriesDocument, RepositoryRowFragmentDoc, type RepositoryRowFragment } from '../../gql/graphql';
import {
  applyRepositoryEvent,
  applySyncStatusEvent,
  compareRows,
  correctListCounts,
  filterOf,
  forgetLiveStatuses,
  liveStatusOf,
  watchLiveStatus,
} from './liveCache';
import { repositoryRow } from './repositoryRow.testing';

const row = repositoryRow;

function cachedList(rows: RepositoryRowFragment[], hasNextPage: boolean, variables: Record<string, unknown>) {
  const cache = createCache();
  cache.writeQuery({
    query: RepositoriesDocument,
    variables: { first: 50, ...variables },
    data: {
      repositories: {
        __typename: 'RepositoryConnection',
        liveCursor: 'read-1',
        totalCount: rows.length + (hasNextPage ? 10 : 0),
        edges: rows.map((node) => ({ __typename: 'RepositoryEdge' as const, cursor: `c-${node.name}`, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: 'end' },
      },
    },
  });
  const read = () =>
    cache.readQuery({ query: RepositoriesDocument, variables: { first: 50, ...variables } })!.repositories;
  return { cache, read };
}

const added = (repository: RepositoryRowFragment) => ({
  __typename: 'RepositoryEvent' as const,
  type: 'ADDED' as const,
  namespace: repository.namespace,
  name: repository.name,
  at: '2026-12-01T10:00:00Z',
  repository,
});

describe('live events in the cached lists', () => {
  it('reads the filter of a cached list from its store field name', () => {
    expect(filterOf('repositories:{"namespace":"default","search":"ng"}', 'repositories')).toEqual({
      namespace: 'default',
      search: 'ng',
    });
    expect(filterOf('repositories', 'repositories')).toEqual({});
  });

  it('puts an added repository at its place in the order and counts it', () => {
    const { cache, read } = cachedList([row('default', 'alpine'), row('default', 'redis')], false, {
      namespace: 'default',
    });
    applyRepositoryEvent(cache, added(row('default', 'nginx')));
    expect(read().edges.map((e) => e.node.name)).toEqual(['alpine', 'nginx', 'redis']);
    expect(read().totalCount).toBe(3);
  });

  it('only counts an added repository whose place is past the loaded pages', () => {
    const { cache, read } = cachedList([row('default', 'alpine')], true, {});
    applyRepositoryEvent(cache, added(row('default', 'zookeeper')));
    expect(read().edges.map((e) => e.node.name)).toEqual(['alpine']);
    expect(read().totalCount).toBe(12);
  });

  it('leaves out of a list what its filter does not match', () => {
    const { cache, read } = cachedList([row('default', 'alpine')], false, { namespace: 'default', search: 'alp' });
    applyRepositoryEvent(cache, added(row('other', 'alpine-2')));
    applyRepositoryEvent(cache, added(row('default', 'nginx')));
    expect(read().edges.map((e) => e.node.name)).toEqual(['alpine']);
    expect(read().totalCount).toBe(1);
  });

  it('takes a deleted repository out of the list', () => {
    const { cache, read } = cachedList([row('default', 'alpine'), row('default', 'nginx')], false, {});
    applyRepositoryEvent(cache, {
      __typename: 'RepositoryEvent',
      type: 'DELETED',
      namespace: 'default',
      name: 'alpine',
      at: '2026-12-01T10:00:00Z',
      repository: null,
    });
    expect(read().edges.map((e) => e.node.name)).toEqual(['nginx']);
    expect(read().totalCount).toBe(1);
  });

  it('shows a status change on the row, and the sync time once it succeeded', () => {
    const { cache, read } = cachedList([row('default', 'nginx')], false, {});
    const event = {
      __typename: 'SyncStatusEvent' as const,
      namespace: 'default',
      name: 'nginx',
      previousStatus: 'PENDING' as const,
      at: '2026-12-01T10:00:01Z',
    };
    applySyncStatusEvent(cache, { ...event, syncStatus: 'SYNCING', syncRun: null });
    expect(read().edges[0].node.syncStatus).toBe('SYNCING');
    expect(read().edges[0].node.lastSynced).toBeNull();
    applySyncStatusEvent(cache, {
      ...event,
      syncStatus: 'SUCCESS',
      syncRun: { __typename: 'SyncRun', id: 'r1', status: 'SUCCESS', finishedAt: '2026-12-01T10:00:02Z', error: null },
    });
    expect(read().edges[0].node.syncStatus).toBe('SUCCESS');
    expect(read().edges[0].node.lastSynced).toBe('2026-12-01T10:00:02Z');
  });
});

describe('status-filtered lists', () => {
  it('lets a row whose status moved on leave a list filtered by its old status', () => {
    const { cache, read } = cachedList([row('default', 'nginx', { syncStatus: 'SYNCING' })], false, {
      syncStatus: ['SYNCING'],
    });
    applySyncStatusEvent(cache, {
      __typename: 'SyncStatusEvent',
      namespace: 'default',
      name: 'nginx',
      syncStatus: 'SUCCESS',
      previousStatus: 'SYNCING',
      at: '2026-12-01T10:00:01Z',
      syncRun: null,
    });
    expect(read().edges).toEqual([]);
    expect(read().totalCount).toBe(0);
  });
});

describe('the re-count', () => {
  const counts = (totalCount: number, pending = 0, syncing = 0, success = 0, failed = 0) => ({
    totalCount,
    statusCounts: { pending, syncing, success, failed },
  });

  it('sets a list counted twice by an added repository the read had already counted back to the count', () => {
    const { cache, read } = cachedList([row('default', 'alpine')], true, { namespace: 'default' });
    // a read's followers are told again what it may be missing: here an add it had counted, on a page not loaded
    applyRepositoryEvent(cache, added(row('default', 'zookeeper')));
    expect(read().totalCount).toBe(12);
    correctListCounts(cache, { namespace: 'default', search: null }, counts(11, 0, 0, 11));
    expect(read().totalCount).toBe(11);
    expect(read().edges.map((e) => e.node.name)).toEqual(['alpine']);
  });

  it('counts a status-filtered list by its statuses, and leaves lists of another namespace or search alone', () => {
    const failed = cachedList([row('default', 'alpine', { syncStatus: 'FAILED' })], true, {
      namespace: 'default',
      syncStatus: ['FAILED'],
    });
    correctListCounts(failed.cache, { namespace: 'default' }, counts(20, 1, 2, 13, 4));
    expect(failed.read().totalCount).toBe(4);

    const other = cachedList([row('other', 'alpine')], true, { namespace: 'other' });
    correctListCounts(other.cache, { namespace: 'default' }, counts(20, 1, 2, 13, 4));
    expect(other.read().totalCount).toBe(11);

    const searched = cachedList([row('default', 'alpine')], true, { namespace: 'default', search: 'alp' });
    correctListCounts(searched.cache, { namespace: 'default' }, counts(20, 1, 2, 13, 4));
    expect(searched.read().totalCount).toBe(11);
  });
});

describe('live statuses against older snapshots', () => {
  it('keeps a status the subscription told of when an older snapshot of the repository is written after it', () => {
    const { cache, read } = cachedList([], false, {});
    applySyncStatusEvent(cache, {
      __typename: 'SyncStatusEvent',
      namespace: 'default',
      name: 'redis',
      syncStatus: 'FAILED',
      previousStatus: 'SYNCING',
      at: '2026-12-01T10:00:02Z',
      syncRun: null,
    });
    // the add's answer (and the ADDED event's repository) were read while the repository was still PENDING
    applyRepositoryEvent(cache, added(row('default', 'redis', { syncStatus: 'PENDING' })));
    expect(read().edges[0].node.syncStatus).toBe('FAILED');
  });
});

describe('the two subscriptions in time order', () => {
  const status = (syncStatus: 'SYNCING' | 'SUCCESS', at: string) => ({
    __typename: 'SyncStatusEvent' as const,
    namespace: 'default',
    name: 'nginx',
    syncStatus,
    previousStatus: null,
    at,
    syncRun: null,
  });

  it('takes a finished sync from the repository event when its status event is late or missing', () => {
    const { cache, read } = cachedList([row('default', 'nginx')], false, {});
    applySyncStatusEvent(cache, status('SYNCING', '2026-12-01T10:00:01Z'));
    applyRepositoryEvent(cache, {
      __typename: 'RepositoryEvent',
      type: 'SYNCED',
      namespace: 'default',
      name: 'nginx',
      at: '2026-12-01T10:00:02Z',
      repository: row('default', 'nginx', { syncStatus: 'SUCCESS', lastSynced: '2026-12-01T10:00:02Z' }),
    });
    expect(read().edges[0].node.syncStatus).toBe('SUCCESS');
    // a status event older than that changes nothing
    applySyncStatusEvent(cache, status('SYNCING', '2026-12-01T10:00:01.500Z'));
    expect(read().edges[0].node.syncStatus).toBe('SUCCESS');
    expect(read().edges[0].node.lastSynced).toBe('2026-12-01T10:00:02Z');
  });
});

describe('a sync result told twice at the same instant', () => {
  it('keeps the status event over a SYNCED snapshot of the same instant, whichever comes first', () => {
    const { cache, read } = cachedList([row('default', 'redis')], false, {});
    const failed = {
      __typename: 'SyncStatusEvent' as const,
      namespace: 'default',
      name: 'redis',
      syncStatus: 'FAILED' as const,
      previousStatus: 'SYNCING' as const,
      at: '2026-12-01T10:00:02Z',
      syncRun: null,
    };
    const synced = {
      __typename: 'RepositoryEvent' as const,
      type: 'SYNCED' as const,
      namespace: 'default',
      name: 'redis',
      at: '2026-12-01T10:00:02Z',
      // read from the read model a moment before it took the result
      repository: row('default', 'redis', { syncStatus: 'SYNCING' }),
    };
    applySyncStatusEvent(cache, failed);
    applyRepositoryEvent(cache, synced);
    expect(read().edges[0].node.syncStatus).toBe('FAILED');
  });
});

describe('what a watching screen is told', () => {
  it('is told the new status even when the cache already held that value from a snapshot', () => {
    const { cache } = cachedList([row('default', 'redis')], false, {});
    const seen: string[] = [];
    cache.watch({
      query: RepositoriesDocument,
      variables: { first: 50 },
      optimistic: true,
      callback: (diff) => seen.push(String(diff.result?.repositories?.edges?.[0]?.node?.syncStatus)),
    });
    const at = '2026-12-01T10:00:01Z';
    applySyncStatusEvent(cache, {
      __typename: 'SyncStatusEvent',
      namespace: 'default',
      name: 'redis',
      syncStatus: 'SYNCING',
      previousStatus: 'PENDING',
      at,
      syncRun: null,
    });
    // the SYNCED event's repository is written by Apollo before the event reaches us, the status event comes after
    const failed = row('default', 'redis', { syncStatus: 'FAILED' });
    cache.writeFragment({ fragment: RepositoryRowFragmentDoc, data: failed });
    applyRepositoryEvent(cache, {
      __typename: 'RepositoryEvent',
      type: 'SYNCED',
      namespace: 'default',
      name: 'redis',
      at: '2026-12-01T10:00:02Z',
      repository: failed,
    });
    applySyncStatusEvent(cache, {
      __typename: 'SyncStatusEvent',
      namespace: 'default',
      name: 'redis',
      syncStatus: 'FAILED',
      previousStatus: 'SYNCING',
      at: '2026-12-01T10:00:02Z',
      syncRun: null,
    });
    expect(seen.at(-1)).toBe('FAILED');
  });
});

describe('compareRows: where an added repository goes in each order', () => {
  const row = (namespace: string, name: string, syncStatus: SyncStatusName = 'PENDING', lastSynced: string | null = null) => ({
    namespace,
    name,
    syncStatus,
    lastSynced,
  });
  type SyncStatusName = 'PENDING' | 'SYNCING' | 'SUCCESS' | 'FAILED';
  it('sorts by name, then namespace, and DESC reverses it', () => {
    expect(compareRows({ field: 'NAME' }, row('b', 'x'), row('a', 'y'))).toBeLessThan(0);
    expect(compareRows({ field: 'NAME', direction: 'DESC' }, row('b', 'x'), row('a', 'y'))).toBeGreaterThan(0);
    expect(compareRows(null, row('b', 'x'), row('a', 'y'))).toBeGreaterThan(0);
  });
  it('puts never synced last in both directions of LAST_SYNCED', () => {
    const synced = row('a', 'a', 'SUCCESS', '2026-01-01T00:00:00Z');
    for (const direction of ['ASC', 'DESC'] as const) {
      expect(compareRows({ field: 'LAST_SYNCED', direction }, synced, row('a', 'b'))).toBeLessThan(0);
    }
  });
  it('puts an added repository last by CREATED ascending, first descending', () => {
    const added = { ...row('a', 'a'), added: true };
    expect(compareRows({ field: 'CREATED' }, row('z', 'z'), added)).toBeLessThan(0);
    expect(compareRows({ field: 'CREATED', direction: 'DESC' }, row('z', 'z'), added)).toBeGreaterThan(0);
  });
});

describe('a list whose rows watch their own statuses (rowsWatch)', () => {
  const syncing = {
    __typename: 'SyncStatusEvent' as const,
    namespace: 'default',
    name: 'redis',
    syncStatus: 'SYNCING' as const,
    previousStatus: 'PENDING' as const,
    at: '2026-12-01T10:00:01Z',
    syncRun: null,
  };

  it('tells the row of its new status and time, and the list nothing', () => {
    const { cache } = cachedList([row('default', 'nginx'), row('default', 'redis')], false, {});
    // what the list's query is told after its first result (immediate): nothing, its rows are unchanged
    let listReads = 0;
    cache.watch({ query: RepositoriesDocument, variables: { first: 50 }, optimistic: true, immediate: true, callback: () => listReads++ });
    listReads = 0;
    const told: string[] = [];
    const unwatch = watchLiveStatus(cache, 'default', 'redis', () =>
      told.push(String(liveStatusOf(cache, 'default', 'redis')?.syncStatus)),
    );
    watchLiveStatus(cache, 'default', 'nginx', () => told.push('nginx told'));
    applySyncStatusEvent(cache, syncing, { rowsWatch: true });
    // the SYNCED event's snapshot (no-cache: not written by Apollo) carries the finished sync's time
    applyRepositoryEvent(
      cache,
      {
        __typename: 'RepositoryEvent',
        type: 'SYNCED',
        namespace: 'default',
        name: 'redis',
        at: '2026-12-01T10:00:02Z',
        repository: row('default', 'redis', { syncStatus: 'SUCCESS', lastSynced: '2026-12-01T10:00:02Z' }),
      },
      { rowsWatch: true },
    );
    expect(told).toEqual(['SYNCING', 'SUCCESS']);
    expect(liveStatusOf(cache, 'default', 'redis')?.lastSynced).toBe('2026-12-01T10:00:02Z');
    expect(listReads).toBe(0);
    unwatch();
    applySyncStatusEvent(cache, { ...syncing, at: '2026-12-01T10:00:03Z' }, { rowsWatch: true });
    expect(told).toHaveLength(2);
  });

  it('writes an edited repository into the list, and still takes added and deleted ones in and out', () => {
    const { cache, read } = cachedList([row('default', 'nginx')], false, {});
    applyRepositoryEvent(
      cache,
      {
        __typename: 'RepositoryEvent',
        type: 'EDITED',
        namespace: 'default',
        name: 'nginx',
        at: '2026-12-01T10:00:01Z',
        repository: row('default', 'nginx', { displayName: 'Nginx', version: 2 }),
      },
      { rowsWatch: true },
    );
    expect(read().edges[0].node.displayName).toBe('Nginx');
    applyRepositoryEvent(cache, added(row('default', 'redis')), { rowsWatch: true });
    expect(read().edges.map((e) => e.node.name)).toEqual(['nginx', 'redis']);
    applyRepositoryEvent(
      cache,
      { __typename: 'RepositoryEvent', type: 'DELETED', namespace: 'default', name: 'nginx', at: '2026-12-01T10:00:03Z', repository: null },
      { rowsWatch: true },
    );
    expect(read().edges.map((e) => e.node.name)).toEqual(['redis']);
  });

  it('tells every watching row when the live statuses are forgotten (a reconnect), so they show their snapshot', () => {
    const { cache } = cachedList([row('default', 'redis')], false, {});
    applySyncStatusEvent(cache, syncing, { rowsWatch: true });
    let told = 0;
    watchLiveStatus(cache, 'default', 'redis', () => told++);
    forgetLiveStatuses(cache);
    expect(told).toBe(1);
    expect(liveStatusOf(cache, 'default', 'redis')).toBeUndefined();
  });
});

describe('a list loaded page by page (each page its own cache entry)', () => {
  type Page = { after?: string; rows: RepositoryRowFragment[]; hasNextPage: boolean };
  const write = (cache: ReturnType<typeof createCache>, { after, rows, hasNextPage }: Page, totalCount: number) =>
    cache.writeQuery({
      query: RepositoriesDocument,
      variables: { first: 50, after },
      data: {
        repositories: {
          __typename: 'RepositoryConnection',
          liveCursor: 'read-1',
          totalCount,
          edges: rows.map((node) => ({ __typename: 'RepositoryEdge' as const, cursor: `c-${node.name}`, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c-${rows.at(-1)?.name}` },
        },
      },
    });
  const names = (cache: ReturnType<typeof createCache>, after?: string) =>
    cache
      .readQuery({ query: RepositoriesDocument, variables: { first: 50, after } })!
      .repositories.edges.map((e) => e.node.name);
  const count = (cache: ReturnType<typeof createCache>, after?: string) =>
    cache.readQuery({ query: RepositoriesDocument, variables: { first: 50, after } })!.repositories.totalCount;
  const twoPages = () => {
    const cache = createCache();
    write(cache, { rows: [row('default', 'alpine'), row('default', 'busybox')], hasNextPage: true }, 5);
    write(cache, { after: 'c-busybox', rows: [row('default', 'nginx'), row('default', 'redis')], hasNextPage: true }, 5);
    return cache;
  };

  it('keeps each page apart: loading the next page leaves the pages before it unread', () => {
    const cache = createCache();
    write(cache, { rows: [row('default', 'alpine'), row('default', 'busybox')], hasNextPage: true }, 4);
    let firstPageReads = 0;
    cache.watch({ query: RepositoriesDocument, variables: { first: 50 }, optimistic: true, immediate: true, callback: () => firstPageReads++ });
    firstPageReads = 0;
    write(cache, { after: 'c-busybox', rows: [row('default', 'nginx'), row('default', 'redis')], hasNextPage: false }, 4);
    expect(firstPageReads).toBe(0);
    expect(names(cache)).toEqual(['alpine', 'busybox']);
    expect(names(cache, 'c-busybox')).toEqual(['nginx', 'redis']);
  });

  it('puts an added repository into the page that holds its place, and counts it on every page', () => {
    const cache = twoPages();
    applyRepositoryEvent(cache, added(row('default', 'consul')), { rowsWatch: true });
    expect(names(cache)).toEqual(['alpine', 'busybox']);
    expect(names(cache, 'c-busybox')).toEqual(['consul', 'nginx', 'redis']);
    applyRepositoryEvent(cache, added(row('default', 'postgres')), { rowsWatch: true });
    expect(names(cache, 'c-busybox')).toEqual(['consul', 'nginx', 'postgres', 'redis']);
    expect([count(cache), count(cache, 'c-busybox')]).toEqual([7, 7]);
  });

  it('only counts an added repository whose place is past the last loaded page', () => {
    const cache = twoPages();
    applyRepositoryEvent(cache, added(row('default', 'zookeeper')), { rowsWatch: true });
    expect([...names(cache), ...names(cache, 'c-busybox')]).toEqual(['alpine', 'busybox', 'nginx', 'redis']);
    expect([count(cache), count(cache, 'c-busybox')]).toEqual([6, 6]);
  });

  it('takes a deleted repository out of its page and out of every page’s count', () => {
    const cache = twoPages();
    applyRepositoryEvent(
      cache,
      { __typename: 'RepositoryEvent', type: 'DELETED', namespace: 'default', name: 'nginx', at: '2026-12-01T10:00:03Z', repository: null },
      { rowsWatch: true },
    );
    expect(names(cache)).toEqual(['alpine', 'busybox']);
    expect(names(cache, 'c-busybox')).toEqual(['redis']);
    expect([count(cache), count(cache, 'c-busybox')]).toEqual([4, 4]);
  });

  it('keeps the count of a list that never held the deleted repository', () => {
    const cache = twoPages();
    applyRepositoryEvent(
      cache,
      { __typename: 'RepositoryEvent', type: 'DELETED', namespace: 'default', name: 'unseen', at: '2026-12-01T10:00:03Z', repository: null },
      { rowsWatch: true },
    );
    expect([count(cache), count(cache, 'c-busybox')]).toEqual([5, 5]);
  });
});
